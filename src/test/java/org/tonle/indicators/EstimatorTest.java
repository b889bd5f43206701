package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The estimator against a direct computation of the §6 formulas from the respondents themselves. */
class EstimatorTest {

    private static final double Z = 1.959963984540054;

    @Test
    @DisplayName("a weighted proportion, its linearised SE, Kish n_eff and logit interval match the formulas")
    void weightedProportion() {
        Random random = new Random(7);
        int n = 400;
        double[] w = new double[n];
        double[] y = new double[n];
        Stats stats = Stats.EMPTY;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + random.nextDouble() * 3;
            y[i] = random.nextDouble() < 0.33 ? 1 : 0;
            stats = stats.plus(Stats.of(w[i], y[i]));
        }
        double sw = 0;
        double swy = 0;
        double sw2 = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            swy += w[i] * y[i];
            sw2 += w[i] * w[i];
        }
        double p = swy / sw;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            residuals += w[i] * w[i] * (y[i] - p) * (y[i] - p);
        }
        double se = Math.sqrt((double) n / (n - 1) * residuals) / sw;
        double logit = Math.log(p / (1 - p));
        double lo = 1 / (1 + Math.exp(-(logit - Z * se / (p * (1 - p)))));
        double hi = 1 / (1 + Math.exp(-(logit + Z * se / (p * (1 - p)))));

        Estimate e = Estimator.estimate(stats, true, 100);
        assertThat(e.value()).isCloseTo(100 * p, within(1e-9));
        assertThat(e.se()).isCloseTo(100 * se, within(1e-9));
        assertThat(e.lo()).isCloseTo(100 * lo, within(1e-9));
        assertThat(e.hi()).isCloseTo(100 * hi, within(1e-9));
        assertThat(e.n()).isEqualTo(n);
        assertThat(e.weightedN()).isCloseTo(sw, within(1e-9));
        assertThat(e.nEff()).isCloseTo(sw * sw / sw2, within(1e-9));
    }

    @Test
    @DisplayName("at 0% and 100% the interval is Wilson's on the effective sample size, inside [0, 100]")
    void wilsonAtTheEdges() {
        Stats none = Stats.EMPTY;
        for (int i = 0; i < 30; i++) {
            none = none.plus(Stats.of(i % 2 == 0 ? 1 : 3, 0));
        }
        Estimate e = Estimator.estimate(none, true, 100);
        double nEff = (15 * 1 + 15 * 3.0) * (15 * 1 + 15 * 3.0) / (15 * 1 + 15 * 9.0);
        double z2 = Z * Z;
        double hi = ((z2 / (2 * nEff)) + Z * Math.sqrt(z2 / (4 * nEff * nEff))) / (1 + z2 / nEff);
        assertThat(e.value()).isEqualTo(0.0);
        assertThat(e.se()).isEqualTo(0.0);
        assertThat(e.lo()).isCloseTo(0, within(1e-12));
        assertThat(e.hi()).isCloseTo(100 * hi, within(1e-9));
        Estimate all = Estimator.estimate(new Stats(30, 30, 30, 30, 30, 30, 30, 30), true, 100);
        assertThat(all.hi()).isCloseTo(100, within(1e-9));
        assertThat(all.lo()).isCloseTo(100 - 100 * ((z2 / 60) + Z * Math.sqrt(z2 / 3600)) / (1 + z2 / 30), within(1e-9));
    }

    @Test
    @DisplayName("a weighted mean uses the same linearised SE with a normal interval")
    void weightedMean() {
        double[] w = {1, 2, 1.5, 0.5, 3};
        double[] y = {3, 7, 4, 10, 6};
        Stats s = Stats.EMPTY;
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < w.length; i++) {
            s = s.plus(Stats.of(w[i], y[i]));
            sw += w[i];
            swy += w[i] * y[i];
        }
        double mean = swy / sw;
        double residuals = 0;
        for (int i = 0; i < w.length; i++) {
            residuals += w[i] * w[i] * (y[i] - mean) * (y[i] - mean);
        }
        double se = Math.sqrt(5.0 / 4 * residuals) / sw;
        Estimate e = Estimator.estimate(s, false, 1);
        assertThat(e.value()).isCloseTo(mean, within(1e-9));
        assertThat(e.se()).isCloseTo(se, within(1e-9));
        assertThat(e.lo()).isCloseTo(mean - Z * se, within(1e-9));
    }

    @Test
    @DisplayName("a ratio and a difference of two groups combine their SEs by the delta method")
    void ratioAndDifference() {
        Estimate women = new Estimate(30.0, 2.0, null, null, 500, 500, null);
        Estimate men = new Estimate(40.0, 2.5, null, null, 480, 480, null);
        Estimate ratio = Estimator.ratio(women, men, 100, 1);
        double rel = Math.sqrt(Math.pow(0.02 / 0.3, 2) + Math.pow(0.025 / 0.4, 2));
        assertThat(ratio.value()).isCloseTo(0.75, within(1e-12));
        assertThat(ratio.se()).isCloseTo(0.75 * rel, within(1e-12));
        assertThat(ratio.lo()).isCloseTo(Math.exp(Math.log(0.75) - Z * rel), within(1e-12));
        Estimate gap = Estimator.difference(men, women, 100, 100);
        assertThat(gap.value()).isCloseTo(10.0, within(1e-9));
        assertThat(gap.se()).isCloseTo(100 * Math.hypot(0.02, 0.025), within(1e-9));
        assertThat(Estimator.ratio(women, new Estimate(0.0, 0.0, null, null, 30, 30, null), 100, 1).value()).isNull();
    }
}
