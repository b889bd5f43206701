package org.tonle.indicators;

/**
 * A published number with its uncertainty, on the indicator's scale (0–100 for percentages).
 * Null fields mean "not defined" (a standard error from one respondent, a ratio over zero).
 *
 * @param nEff Kish's effective sample size, (Σw)²/Σw²
 * @param deff the design effect: the variance over that of a simple random sample of the same size
 * @param df the degrees of freedom of the interval: PSUs minus strata among those holding members
 */
public record Estimate(Double value, Double se, Double lo, Double hi, long n, double weightedN, Double nEff, Double deff, Long df) {

    static Estimate none(long n, double weightedN) {
        return new Estimate(null, null, null, null, n, weightedN, null, null, null);
    }

    /** The coefficient of variation, se / |value|; null where either is missing or the value is 0. */
    public Double cv() {
        return value == null || se == null || value == 0 ? null : se / Math.abs(value);
    }
}
