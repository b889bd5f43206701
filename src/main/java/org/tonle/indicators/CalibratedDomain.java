package org.tonle.indicators;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.calibration.Target;

/**
 * A domain (a cell, within an indicator's universe) estimated with calibrated weights, and the
 * linearised variance of that estimator, as R's {@code svymean} (and {@code svyratio} with
 * {@code svycontrast}) on a {@code postStratify}d or {@code rake}d design computes it. Pure.
 *
 * <p>With calibrated weights w = g_c·d (g_c the factor of the unit's class c), the domain mean is
 * p = Σ_D w·y / Σ_D w = Σ_c g_c·A_c / Σ_c g_c·B_c (A_c, B_c the domain's Σd·y and Σd in class c). Its
 * influence before calibration is x_i = w_i·(y_i − p)/N̂ for members and 0 for the others; R then
 * takes away its projection on the calibration classes, which leaves x_i = d_i·(g_c·1_D·(y_i − p)/N̂ − δ_c):
 * <ul>
 * <li>post-stratification ({@code svyrecvar}'s postStrata): δ_c = g_c·(A_c − p·B_c)/(N̂·W_c), W_c the
 * class's Σd over the whole sample: the residual from the class's design-weighted mean;
 * <li>raking (its "raking" branch): 10 sweeps over the margins, each taking away from x/w_k (w_k the
 * weights after margin k's step in the last pass) its unweighted mean within margin k's cells, so that
 * δ_c moves by f_kc·mean, with means made of each class's unweighted Σ_D(y − p) and unit count.
 * </ul>
 * Every unit of the sample has a share in the variance, members or not: its PSU total is
 * Σ_c (g_c/N̂)·(A_c,psu − p·B_c,psu) − δ_c·W_c,psu, and units that are their own PSU add their squares
 * (Σd², Σd²y, Σd²y² per class, additive). The strata and the with-replacement formula are those of
 * {@link DesignVariance}; the degrees of freedom count the PSUs and strata holding members, as R's
 * {@code degf} of a subset. A ratio or difference of two disjoint domains is the same with x the
 * combination of both domains' x, projected together.
 */
final class CalibratedDomain implements CellData {

    /** R's {@code svyrecvar} sweeps the raking margins this many times. */
    static final int RAKING_SWEEPS = 10;

    private final Calibration calibration;
    /** Per class index, the domain's members per {@code "<stratum>|<psu>"} (design-weighted statistics). */
    private final Map<Integer, Map<String, Stats>> members;
    private final Stats design;
    private final Stats calibrated;

    CalibratedDomain(Calibration calibration, Map<Integer, Map<String, Stats>> members) {
        this.calibration = calibration;
        this.members = members;
        Stats d = Stats.EMPTY;
        Stats c = Stats.EMPTY;
        for (Map.Entry<Integer, Map<String, Stats>> e : members.entrySet()) {
            double g = calibration.factor[e.getKey()];
            for (Stats s : e.getValue().values()) {
                d = d.plus(s);
                c = c.plus(scaled(s, g));
            }
        }
        this.design = d;
        this.calibrated = c;
    }

    /** The domain's design-weighted statistics: what disclosure control decides on, whatever the weights. */
    @Override
    public Stats stats() {
        return design;
    }

    /** The domain's statistics with the calibrated weights. */
    Stats calibrated() {
        return calibrated;
    }

    @Override
    public Estimate estimate(boolean proportion, double factor) {
        Stats s = calibrated;
        if (s.n() == 0 || s.w() <= 0) {
            return Estimate.none(s.n(), s.w());
        }
        double p = s.wy() / s.w();
        double nEff = s.w() * s.w() / s.w2();
        DesignVariance.Result v = variance(List.of(new Term(1, this, p, s.w())));
        double se = Math.sqrt(v.variance());
        Double deff = Estimator.deff(s, p, v.variance());
        double[] ci = proportion ? Estimator.proportionInterval(p, se, v.df(), nEff) : Estimator.symmetric(p, se, v.df());
        return new Estimate(p * factor, se * factor, ci == null ? null : ci[0] * factor, ci == null ? null : ci[1] * factor,
                s.n(), s.w(), nEff, deff, v.df());
    }

    @Override
    public Estimate contrast(CellData other, boolean ratio, double factor) {
        CalibratedDomain second = (CalibratedDomain) other;
        Stats a = calibrated;
        Stats b = second.calibrated;
        if (a.n() == 0 || b.n() == 0 || a.w() <= 0 || b.w() <= 0 || (ratio && (a.wy() == 0 || b.wy() == 0))) {
            return Estimate.none(a.n() + b.n(), a.w() + b.w());
        }
        double pa = a.wy() / a.w();
        double pb = b.wy() / b.w();
        double value = ratio ? pa / pb : pa - pb;
        DesignVariance.Result v = variance(List.of(new Term(ratio ? 1 / pb : 1, this, pa, a.w()),
                new Term(ratio ? -pa / (pb * pb) : -1, second, pb, b.w())));
        double se = Math.sqrt(v.variance());
        double[] ci = Estimator.symmetric(value, se, v.df());
        return new Estimate(value * factor, se * factor, ci == null ? null : ci[0] * factor, ci == null ? null : ci[1] * factor,
                a.n() + b.n(), a.w() + b.w(), null, null, v.df());
    }

    /** One domain in a linear combination: its coefficient, its calibrated estimate and weighted size. */
    private record Term(double coefficient, CalibratedDomain domain, double p, double size) {
    }

    /** The linearised variance of Σ coefficient·p over disjoint domains, and its degrees of freedom. */
    private DesignVariance.Result variance(List<Term> terms) {
        Calibration cal = calibration;
        int classes = cal.classes.size();
        double[] delta = new double[classes];
        for (Term t : terms) {
            double[] d = cal.target.method() == Target.Method.POSTSTRATIFY ? poststratified(t) : raked(t);
            for (int j = 0; j < classes; j++) {
                delta[j] += t.coefficient() * d[j];
            }
        }
        Map<String, DesignVariance.Stratum> strata = new HashMap<>();
        for (int j = 0; j < classes; j++) {
            double dj = delta[j];
            if (dj == 0) {
                continue;
            }
            cal.units.get(j).forEach((unit, u) -> {
                String[] at = unit(unit);
                DesignVariance.Stratum h = strata.computeIfAbsent(at[0], k -> new DesignVariance.Stratum());
                if (at[1].equals(SampleDesign.OWN_PSU)) {
                    h.sum -= dj * u.w();
                    h.squares += dj * dj * u.w2();
                } else {
                    h.psuTotals.merge(at[1], -dj * u.w(), Double::sum);
                }
            });
        }
        Map<String, Set<String>> memberPsus = new HashMap<>();
        Map<String, Long> ownMembers = new HashMap<>();
        for (Term t : terms) {
            double p = t.p();
            t.domain().members.forEach((j, byUnit) -> {
                double c = t.coefficient() * cal.factor[j] / t.size();
                double dj = delta[j];
                byUnit.forEach((unit, m) -> {
                    if (m.n() == 0) {
                        return;
                    }
                    String[] at = unit(unit);
                    DesignVariance.Stratum h = strata.computeIfAbsent(at[0], k -> new DesignVariance.Stratum());
                    double linear = c * (m.wy() - p * m.w());
                    if (at[1].equals(SampleDesign.OWN_PSU)) {
                        h.sum += linear;
                        h.squares += c * c * (m.w2y2() - 2 * p * m.w2y() + p * p * m.w2()) - 2 * c * dj * (m.w2y() - p * m.w2());
                        ownMembers.merge(at[0], m.n(), Long::sum);
                    } else {
                        h.psuTotals.merge(at[1], linear, Double::sum);
                        memberPsus.computeIfAbsent(at[0], k -> new HashSet<>()).add(at[1]);
                    }
                });
            });
        }
        double variance = 0;
        for (Map.Entry<String, DesignVariance.Stratum> e : strata.entrySet()) {
            DesignVariance.Stratum h = e.getValue();
            variance += DesignVariance.stratumVariance(h, cal.psusPerStratum.getOrDefault(e.getKey(), h.psuTotals.size() + 1L));
        }
        Set<String> holding = new HashSet<>(memberPsus.keySet());
        holding.addAll(ownMembers.keySet());
        long psus = ownMembers.values().stream().mapToLong(Long::longValue).sum()
                + memberPsus.values().stream().mapToLong(Set::size).sum();
        return new DesignVariance.Result(Math.max(0, variance), psus - holding.size());
    }

    /** Post-stratification: δ_c = g_c·(A_c − p·B_c)/(N̂·W_c). */
    private double[] poststratified(Term t) {
        Calibration cal = calibration;
        double[] delta = new double[cal.classes.size()];
        t.domain().members.forEach((j, byUnit) -> {
            double residual = 0;
            for (Stats m : byUnit.values()) {
                residual += m.wy() - t.p() * m.w();
            }
            delta[j] = cal.factor[j] * residual / (t.size() * cal.weight[j]);
        });
        return delta;
    }

    /** Raking: R's sweeps over the margins, on each class's unweighted Σ_D(y − p)/N̂ and its units. */
    private double[] raked(Term t) {
        Calibration cal = calibration;
        int classes = cal.classes.size();
        double[] residual = new double[classes];
        t.domain().members.forEach((j, byUnit) -> {
            double r = 0;
            for (Stats m : byUnit.values()) {
                r += m.sy() - t.p() * m.n();
            }
            residual[j] = r / t.size();
        });
        double[] delta = new double[classes];
        for (int sweep = 0; sweep < RAKING_SWEEPS; sweep++) {
            for (int k = 0; k < cal.levels.length; k++) {
                double[] sum = new double[cal.levels[k]];
                double[] units = new double[cal.levels[k]];
                double[] step = cal.stepFactor[k];
                for (int j = 0; j < classes; j++) {
                    int l = cal.level[k][j];
                    sum[l] += (cal.factor[j] * residual[j] - cal.count[j] * delta[j]) / step[j];
                    units[l] += cal.count[j];
                }
                for (int j = 0; j < classes; j++) {
                    int l = cal.level[k][j];
                    delta[j] += step[j] * sum[l] / units[l];
                }
            }
        }
        return delta;
    }

    private static Stats scaled(Stats s, double g) {
        double g2 = g * g;
        return new Stats(s.n(), s.sy(), g * s.w(), g * s.wy(), g2 * s.w2(), g2 * s.w2y(), g * s.wy2(), g2 * s.w2y2());
    }

    private static String[] unit(String key) {
        int bar = key.lastIndexOf('|');
        return new String[] {key.substring(0, bar), key.substring(bar + 1)};
    }
}
