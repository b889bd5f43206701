package org.tonle.submissions;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The ranges every number and date must fall in before it is stored (README, Security). Outside
 * them a value is refused with {@code range}: an answer of 1e155 squared is Infinity, and one
 * Infinity in a sum poisons every score it is counted in; a year 999999999 cannot be stored at all.
 */
public final class InputLimits {

    /** Integers beyond any count or age a survey asks for, and far from a double's exact range. */
    public static final long MAX_INTEGER = 1_000_000_000L;
    /** Decimals: money in riel fits; a sum of a million squares stays finite and exact enough. */
    public static final double MAX_DECIMAL = 1e12;
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** Phones' clocks run a little ahead, and time zones reach UTC+14: a day of slack. */
    private static final Duration AHEAD = Duration.ofDays(1);
    /** A number typed as text longer than this is not a real answer, and costs time to read. */
    static final int MAX_NUMBER_CHARS = 40;

    private InputLimits() {
    }

    static boolean integerInRange(BigDecimal n) {
        return n.abs().compareTo(BigDecimal.valueOf(MAX_INTEGER)) <= 0;
    }

    static boolean decimalInRange(BigDecimal n) {
        return n.abs().compareTo(BigDecimal.valueOf(MAX_DECIMAL)) <= 0;
    }

    static boolean weightInRange(double w, double maxWeight) {
        return w > 0 && w <= maxWeight;
    }

    static boolean inWindow(Instant t, Instant now) {
        return !t.isBefore(EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC)) && !t.isAfter(now.plus(AHEAD));
    }

    static boolean inWindow(LocalDate d, Instant now) {
        return !d.isBefore(EARLIEST_DATE) && !d.isAfter(latestDate(now));
    }

    static FieldProblem integerRange(String field) {
        return between(field, String.valueOf(-MAX_INTEGER), String.valueOf(MAX_INTEGER));
    }

    static FieldProblem decimalRange(String field) {
        return between(field, "-1000000000000", "1000000000000");
    }

    static FieldProblem dateRange(String field, Instant now) {
        return between(field, EARLIEST_DATE.toString(), latestDate(now).toString());
    }

    static FieldProblem weightRange(double maxWeight) {
        String max = BigDecimal.valueOf(maxWeight).stripTrailingZeros().toPlainString();
        return FieldProblem.of("weight", ValidationCode.RANGE, Map.of(
                "range", "greater than 0 and at most " + max, "range_km", "ធំជាង ០ និងមិនលើសពី " + max));
    }

    private static FieldProblem between(String field, String min, String max) {
        return FieldProblem.of(field, ValidationCode.RANGE, Map.of(
                "range", "from " + min + " to " + max, "range_km", "នៅចន្លោះពី " + min + " ដល់ " + max));
    }

    private static LocalDate latestDate(Instant now) {
        return now.plus(AHEAD).atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
