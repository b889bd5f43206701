package org.tonle.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tonle.expr.Evaluator;
import org.tonle.expr.Values;

/**
 * What one accepted submission adds to the aggregate tables: for each indicator its form feeds, one
 * respondent's statistics in the national cell and in the cell of every supported breakdown.
 * Pure, and additive: the tables are exactly the sum of the contributions of the counted submissions.
 */
public final class Contributions {

    private final IndicatorCatalog catalog;

    public Contributions(IndicatorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Table id to cell key to statistics. */
    public Map<String, Map<String, Stats>> of(String formId, Map<String, Object> answers, double weight) {
        Map<String, Map<String, Stats>> deltas = new HashMap<>();
        add(deltas, formId, answers, weight);
        return deltas;
    }

    /** Adds one submission's contributions into {@code deltas}. */
    public void add(Map<String, Map<String, Stats>> deltas, String formId, Map<String, Object> answers, double weight) {
        Evaluator.Scope scope = answers::get;
        for (Indicator indicator : catalog.measuredBy(formId)) {
            Stats one = respondent(indicator, scope, weight);
            if (one == null) {
                continue;
            }
            addCell(deltas, Tables.id(indicator.id(), List.of()), Tables.NATIONAL_CELL, one);
            for (List<String> by : indicator.disaggregations()) {
                List<String> values = new ArrayList<>(by.size());
                for (String dim : by) {
                    String v = Values.string(answers.get(dim));
                    if (!Tables.usableValue(v)) {
                        values = null;
                        break;
                    }
                    values.add(v);
                }
                if (values != null) {
                    addCell(deltas, Tables.id(indicator.id(), by), Tables.cellKey(values), one);
                }
            }
        }
    }

    /** This respondent's statistics for the indicator, or null when outside its denominator. */
    static Stats respondent(Indicator indicator, Evaluator.Scope scope, double weight) {
        if (indicator.universe() != null && !indicator.universe().test(scope)) {
            return null;
        }
        if (indicator.denominator() != null && !indicator.denominator().test(scope)) {
            return null;
        }
        if (indicator.kind() == Indicator.Kind.MEAN) {
            double y = Values.number(indicator.value().evaluate(scope));
            return Double.isNaN(y) || Double.isInfinite(y) ? null : Stats.of(weight, y);
        }
        return Stats.of(weight, indicator.numerator().test(scope) ? 1 : 0);
    }

    private static void addCell(Map<String, Map<String, Stats>> deltas, String table, String cell, Stats s) {
        deltas.computeIfAbsent(table, t -> new HashMap<>()).merge(cell, s, Stats::plus);
    }

    /** Adds every cell of {@code more} into {@code into}. */
    public static void merge(Map<String, Map<String, Stats>> into, Map<String, Map<String, Stats>> more) {
        more.forEach((table, cells) -> cells.forEach((cell, s) -> addCell(into, table, cell, s)));
    }
}
