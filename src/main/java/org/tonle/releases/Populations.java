package org.tonle.releases;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tonle.expr.Expression;
import org.tonle.indicators.Indicator;

/**
 * Who an indicator counts, read from its definition as a set of conditions that must all hold
 * (its expressions split at their top-level "and"): its universe, its denominator (the universe and
 * the denominator's conditions) and its numerator (those and the numerator's). One set of people
 * is within another when it has every condition of the other: phone owners whose phone was asked
 * about Khmer (universe "age ≥ 15 and owns a phone") are within mobile ownership's numerator
 * ("age ≥ 15" and "owns a phone"). An attacker reads the same definitions.
 */
final class Populations {

    private static final Pattern DIMENSION_VALUE = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)} = '([^']*)'$");

    private Populations() {
    }

    static Set<String> denominator(Indicator i) {
        Set<String> clauses = new TreeSet<>(clauses(i.universe()));
        clauses.addAll(clauses(i.denominator()));
        return clauses;
    }

    static Set<String> numerator(Indicator i) {
        Set<String> clauses = denominator(i);
        clauses.addAll(clauses(i.numerator()));
        return clauses;
    }

    /** The people in {@code inner}'s denominator or numerator are all in {@code outer}'s numerator. */
    static boolean withinNumerator(Indicator inner, Indicator outer) {
        if (outer.numerator() == null || inner == outer) {
            return false;
        }
        Set<String> of = numerator(outer);
        return denominator(inner).containsAll(of) || (inner.numerator() != null && numerator(inner).containsAll(of));
    }

    /** The breakdown dimension an indicator counts ({@code ${disability} = 'yes'}: disability, yes), or null. */
    static String[] measuredDimension(Indicator i) {
        if (i.numerator() == null) {
            return null;
        }
        Matcher m = DIMENSION_VALUE.matcher(i.numerator().source().strip());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** A condition's top-level conjuncts, each stripped: "a and (b or c)" gives "a" and "(b or c)". */
    static List<String> clauses(Expression e) {
        List<String> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        String s = e.source();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == ')')) {
                depth += c == '(' ? 1 : -1;
            } else if (!quoted && depth == 0 && s.startsWith(" and ", i)) {
                out.add(s.substring(start, i).strip());
                start = i + 5;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }
}
