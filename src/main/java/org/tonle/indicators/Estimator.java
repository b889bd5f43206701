package org.tonle.indicators;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The arithmetic of questionnaires.md §6, with R's {@code survey} conventions: weighted estimate,
 * design-based standard error ({@link DesignVariance}), Kish effective sample size, design effect,
 * and a 95% interval with Student's t on the design's degrees of freedom: on the logit scale for
 * a proportion ({@code svyciprop(method = "logit")}), Wilson's on the effective size when the
 * estimate is 0 or 1 (where the logit interval does not exist), symmetric for a mean, a ratio
 * and a difference ({@code confint(svycontrast(…), df = degf(…))}). Pure functions.
 */
public final class Estimator {

    static final double Z = 1.959963984540054;

    private Estimator() {
    }

    /** What a domain's estimate needs: its cell statistics and per-PSU entries, and the design's PSUs per stratum. */
    record Domain(Stats stats, Map<String, Stats> byUnit, Map<String, Long> psusPerStratum) implements CellData {
        double p() {
            return stats.wy() / stats.w();
        }

        @Override
        public Estimate estimate(boolean proportion, double factor) {
            return Estimator.estimate(this, proportion, factor);
        }

        @Override
        public Estimate contrast(CellData other, boolean ratio, double factor) {
            return Estimator.contrast(this, (Domain) other, ratio, factor);
        }
    }

    /** A proportion (y in {0,1}) or a mean, multiplied by {@code factor}. */
    public static Estimate estimate(Domain d, boolean proportion, double factor) {
        Stats s = d.stats();
        if (s.n() == 0 || s.w() <= 0) {
            return Estimate.none(s.n(), s.w());
        }
        double p = d.p();
        double nEff = s.w() * s.w() / s.w2();
        DesignVariance.Result v = DesignVariance.of(List.of(new DesignVariance.Term(1, p, s.w(), d.byUnit())), d.psusPerStratum());
        double se = Math.sqrt(v.variance());
        Double deff = deff(s, p, v.variance());
        double[] ci = proportion ? proportionInterval(p, se, v.df(), nEff) : symmetric(p, se, v.df());
        return new Estimate(p * factor, se * factor, ci == null ? null : ci[0] * factor, ci == null ? null : ci[1] * factor,
                s.n(), s.w(), nEff, deff, v.df());
    }

    /** {@code first}/{@code second} (a ratio) or {@code first − second} (a difference) of two domains of one table. */
    public static Estimate contrast(Domain first, Domain second, boolean ratio, double factor) {
        Stats a = first.stats();
        Stats b = second.stats();
        if (a.n() == 0 || b.n() == 0 || a.w() <= 0 || b.w() <= 0 || (ratio && (a.wy() == 0 || b.wy() == 0))) {
            return Estimate.none(a.n() + b.n(), a.w() + b.w());
        }
        double pa = first.p();
        double pb = second.p();
        double value = ratio ? pa / pb : pa - pb;
        double ca = ratio ? 1 / pb : 1;
        double cb = ratio ? -pa / (pb * pb) : -1;
        DesignVariance.Result v = DesignVariance.of(List.of(new DesignVariance.Term(ca, pa, a.w(), first.byUnit()),
                new DesignVariance.Term(cb, pb, b.w(), second.byUnit())), first.psusPerStratum());
        double se = Math.sqrt(v.variance());
        double[] ci = symmetric(value, se, v.df());
        double scale = factor;
        return new Estimate(value * scale, se * scale, ci == null ? null : ci[0] * scale, ci == null ? null : ci[1] * scale,
                a.n() + b.n(), a.w() + b.w(), null, null, v.df());
    }

    /**
     * The design effect as R's {@code svymean(deff = TRUE)}: the variance over that of a simple
     * random sample without replacement of the same size from a population of Σw; null where
     * Σw is not larger than n (weights that are not expansion weights).
     */
    static Double deff(Stats s, double p, double variance) {
        double n = s.n();
        if (n < 2 || s.w() <= n) {
            return null;
        }
        double spread = (s.wy2() - 2 * p * s.wy() + p * p * s.w()) / s.w() * n / (n - 1);
        double srs = spread * (s.w() - n) / (s.w() * n);
        return srs > 0 ? variance / srs : null;
    }

    /** Logit interval with t on {@code df}; Wilson's on the effective size at 0 and 1; none without degrees of freedom. */
    static double[] proportionInterval(double p, double se, long df, double nEff) {
        if (p <= 0 || p >= 1 || se <= 0) {
            return wilson(p, nEff);
        }
        if (df < 1) {
            return null;
        }
        double logit = Math.log(p / (1 - p));
        double half = t(df) * se / (p * (1 - p));
        return new double[] {expit(logit - half), expit(logit + half)};
    }

    static double[] symmetric(double value, double se, long df) {
        if (df < 1) {
            return null;
        }
        double half = t(df) * se;
        return new double[] {value - half, value + half};
    }

    /** The 97.5% quantile of Student's t on {@code df} degrees of freedom. */
    static double t(long df) {
        return T_QUANTILES.computeIfAbsent(df, d -> new TDistribution(null, d, 1e-14).inverseCumulativeProbability(0.975));
    }

    private static final Map<Long, Double> T_QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    static double[] wilson(double p, double n) {
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
