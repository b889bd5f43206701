package org.tonle.indicators;

/**
 * A published number with its uncertainty, on the indicator's scale (0–100 for percentages).
 * Null fields mean "not defined" (a standard error from one respondent, a ratio over zero).
 */
public record Estimate(Double value, Double se, Double lo, Double hi, long n, double weightedN, Double nEff) {
}
