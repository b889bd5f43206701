package org.tonle.indicators;

/**
 * The arithmetic of questionnaires.md §6: weighted estimate, linearised standard error with each
 * respondent its own cluster, Kish effective sample size, and a 95% interval on the logit scale
 * (Wilson on the effective size when the estimate is 0 or 1, or n < 2). Pure functions.
 */
public final class Estimator {

    static final double Z = 1.959963984540054;

    private Estimator() {
    }

    /** A proportion (y in {0,1}) or a mean, from its cell statistics, multiplied by {@code factor}. */
    public static Estimate estimate(Stats s, boolean proportion, double factor) {
        if (s.n() == 0 || s.w() <= 0) {
            return new Estimate(null, null, null, null, s.n(), s.w(), null);
        }
        double p = s.wy() / s.w();
        double nEff = s.w() * s.w() / s.w2();
        Double se = standardError(s, p);
        double lo;
        double hi;
        if (proportion) {
            if (p > 0 && p < 1 && se != null && s.n() >= 2) {
                double logit = Math.log(p / (1 - p));
                double half = Z * se / (p * (1 - p));
                lo = expit(logit - half);
                hi = expit(logit + half);
            } else {
                double[] wilson = wilson(p, nEff);
                lo = wilson[0];
                hi = wilson[1];
            }
        } else if (se != null) {
            lo = p - Z * se;
            hi = p + Z * se;
        } else {
            return new Estimate(p * factor, null, null, null, s.n(), s.w(), nEff);
        }
        return new Estimate(p * factor, se == null ? null : se * factor, lo * factor, hi * factor, s.n(), s.w(), nEff);
    }

    /** sqrt(n/(n-1) · Σw²(y−p)²) / Σw, with Σw²(y−p)² = Σw²y² − 2pΣw²y + p²Σw². Null for n < 2. */
    static Double standardError(Stats s, double p) {
        if (s.n() < 2) {
            return null;
        }
        double squares = s.w2y2() - 2 * p * s.w2y() + p * p * s.w2();
        double n = s.n();
        return Math.sqrt(Math.max(0, n / (n - 1) * squares)) / s.w();
    }

    /** Ratio of two estimates on the raw scale (delta method, interval on the log scale). */
    public static Estimate ratio(Estimate a, Estimate b, double aFactor, double factor) {
        if (a.value() == null || b.value() == null || b.value() == 0 || a.value() == 0) {
            return new Estimate(null, null, null, null, a.n() + b.n(), a.weightedN() + b.weightedN(), null);
        }
        double pa = a.value() / aFactor;
        double pb = b.value() / aFactor;
        double r = pa / pb;
        if (a.se() == null || b.se() == null) {
            return new Estimate(r * factor, null, null, null, a.n() + b.n(), a.weightedN() + b.weightedN(), null);
        }
        double relA = a.se() / aFactor / pa;
        double relB = b.se() / aFactor / pb;
        double seLog = Math.sqrt(relA * relA + relB * relB);
        return new Estimate(r * factor, r * seLog * factor, Math.exp(Math.log(r) - Z * seLog) * factor,
                Math.exp(Math.log(r) + Z * seLog) * factor, a.n() + b.n(), a.weightedN() + b.weightedN(), null);
    }

    /** Difference of two estimates from disjoint groups of respondents (independent), rescaled. */
    public static Estimate difference(Estimate a, Estimate b, double aFactor, double factor) {
        if (a.value() == null || b.value() == null) {
            return new Estimate(null, null, null, null, a.n() + b.n(), a.weightedN() + b.weightedN(), null);
        }
        double d = (a.value() - b.value()) / aFactor;
        if (a.se() == null || b.se() == null) {
            return new Estimate(d * factor, null, null, null, a.n() + b.n(), a.weightedN() + b.weightedN(), null);
        }
        double se = Math.hypot(a.se() / aFactor, b.se() / aFactor);
        return new Estimate(d * factor, se * factor, (d - Z * se) * factor, (d + Z * se) * factor, a.n() + b.n(),
                a.weightedN() + b.weightedN(), null);
    }

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
