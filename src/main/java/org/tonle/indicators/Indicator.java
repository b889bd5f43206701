package org.tonle.indicators;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tonle.expr.Expression;
import org.tonle.forms.Text;

/**
 * One published indicator, as declared in a form file. A proportion or mean is estimated from the
 * responses of its forms; a ratio or difference compares two cells of another indicator along one
 * dimension (female/male, no disability/disability).
 *
 * @param universe who counts at all (null: everyone who answered the form)
 * @param denominator who is in the denominator among the universe (null: all of it), e.g. excluding "don't know"
 * @param numerator for a proportion: who has the attribute
 * @param value for a mean: the number averaged
 * @param disaggregations the supported breakdowns, each a list of dimensions ({@code [sex, province]})
 * @param threshold k of the count rule: a count with or without the attribute below k is suppressed
 * @param perHousehold whether it counts households, each once, rather than individuals (see {@link HouseholdCells})
 */
public record Indicator(
        String id,
        Set<String> forms,
        Text title,
        String category,
        String theme,
        String source,
        Unit unit,
        Kind kind,
        Text universeLabel,
        Expression universe,
        Expression denominator,
        Expression numerator,
        Expression value,
        double factor,
        List<List<String>> disaggregations,
        int threshold,
        Comparison comparison,
        boolean perHousehold) {

    public enum Kind {
        PROPORTION, MEAN, RATIO, DIFFERENCE;

        public boolean derived() {
            return this == RATIO || this == DIFFERENCE;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Unit {
        PERCENT(100), RATIO(1), PERCENTAGE_POINTS(100), MEAN(1);

        final double defaultFactor;

        Unit(double defaultFactor) {
            this.defaultFactor = defaultFactor;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** For a ratio or difference: {@code of}'s cell {@code dimension=first} compared with {@code dimension=second}. */
    public record Comparison(String of, String dimension, String first, String second) {}

    public boolean supports(List<String> by) {
        return by.isEmpty() || disaggregations.contains(by);
    }
}
