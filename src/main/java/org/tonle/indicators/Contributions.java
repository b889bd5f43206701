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

    /** An indicator with its table ids worked out once: the national one, then one per breakdown. */
    private record Plan(Indicator indicator, String nationalTable, List<String> tables, List<String[]> dimensions) {
        static Plan of(Indicator indicator) {
            List<String> tables = new ArrayList<>();
            List<String[]> dimensions = new ArrayList<>();
            for (List<String> by : indicator.disaggregations()) {
                tables.add(Tables.id(indicator.id(), by));
                dimensions.add(by.toArray(String[]::new));
            }
            return new Plan(indicator, Tables.id(indicator.id(), List.of()), tables, dimensions);
        }
    }

    private final Map<String, List<Plan>> plansByForm = new HashMap<>();
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
        for (Plan plan : plans(formId)) {
            Stats one = respondent(plan.indicator(), scope, weight);
            if (one == null) {
                continue;
            }
            addCell(deltas, plan.nationalTable(), Tables.NATIONAL_CELL, one);
            for (int t = 0; t < plan.tables().size(); t++) {
                String cell = cellKey(plan.dimensions().get(t), answers);
                if (cell != null) {
                    addCell(deltas, plan.tables().get(t), cell, one);
                }
            }
        }
    }

    private List<Plan> plans(String formId) {
        synchronized (plansByForm) {
            return plansByForm.computeIfAbsent(formId, f -> catalog.measuredBy(f).stream().map(Plan::of).toList());
        }
    }

    /** The cell of these answers in a table broken down by {@code dimensions}; null when a value is missing or unusable. */
    private static String cellKey(String[] dimensions, Map<String, Object> answers) {
        StringBuilder key = new StringBuilder(24);
        for (String dim : dimensions) {
            String v = Values.string(answers.get(dim));
            if (!Tables.usableValue(v)) {
                return null;
            }
            if (key.length() > 0) {
                key.append('|');
            }
            key.append(v);
        }
        return key.toString();
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
