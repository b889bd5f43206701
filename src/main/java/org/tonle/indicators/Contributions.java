package org.tonle.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import org.tonle.expr.Evaluator;
import org.tonle.expr.Values;

/**
 * What one accepted submission adds to the aggregate tables: for each indicator its form feeds, one
 * respondent's statistics in the national cell and in the cell of every supported breakdown.
 * Pure, and additive: the tables are exactly the sum of the contributions of the counted submissions.
 */
public final class Contributions {

    /**
     * An indicator with its table ids worked out once: the national one, then one per breakdown,
     * each with the positions of its dimensions among its form's.
     */
    private record Plan(Indicator indicator, String nationalTable, String[] tables, int[][] dimensions, String calibrationTable,
            int[] calibrationDimensions) {}

    /**
     * What a form's submissions feed: its indicators, every dimension any of their breakdowns or the
     * calibration tables use (the calibration variables first), and whether households are kept.
     */
    private record FormPlan(String[] dimensions, List<Plan> plans, boolean households) {
        static FormPlan of(List<Indicator> indicators, boolean designed) {
            Map<String, Integer> positions = new LinkedHashMap<>();
            org.tonle.calibration.Target.PERSON_VARIABLES.forEach(v -> positions.put(v, positions.size()));
            List<Plan> plans = new ArrayList<>();
            boolean households = false;
            for (Indicator indicator : indicators) {
                List<List<String>> breakdowns = indicator.disaggregations();
                String[] tables = new String[breakdowns.size()];
                int[][] dimensions = new int[breakdowns.size()][];
                for (int t = 0; t < tables.length; t++) {
                    tables[t] = Tables.id(indicator.id(), breakdowns.get(t));
                    dimensions[t] = breakdowns.get(t).stream().mapToInt(d -> positions.computeIfAbsent(d, k -> positions.size()))
                            .toArray();
                }
                boolean perHousehold = indicator.perHousehold() && designed;
                households |= perHousehold;
                List<String> calibration = Tables.calibrationDimensions(indicator, perHousehold);
                plans.add(new Plan(indicator, Tables.id(indicator.id(), List.of()), tables, dimensions,
                        Tables.calibration(indicator.id(), calibration), calibration.stream().mapToInt(positions::get).toArray()));
            }
            return new FormPlan(positions.keySet().toArray(String[]::new), plans, households);
        }
    }

    /** Positions of the calibration variables among a form plan's dimensions (they come first). */
    private static final int[] PERSON_CLASS = {0, 1, 2, 3};
    private static final int[] HOUSEHOLD_CLASS = {0, 1};

    private final Map<String, FormPlan> plansByForm = new HashMap<>();
    private final IndicatorCatalog catalog;

    public Contributions(IndicatorCatalog catalog) {
        this.catalog = catalog;
    }

    /** A running sum of many submissions' contributions, one mutable total per cell. */
    public Sum sum() {
        return new Sum();
    }

    /**
     * Sums contributions without a new {@link Stats} for every cell of every submission: a batch
     * of a hundred touches some 20,000 cells, and the records made most of the garbage of ingesting.
     */
    public final class Sum {
        private final Map<String, Map<String, Total>> tables = new HashMap<>();

        private final List<String> refused = new ArrayList<>();

        /**
         * Adds one submission's contributions, unless any of its numbers is not finite (a weight
         * whose square overflows, say): then it adds nothing, and is listed in {@link #refused}.
         */
        public void add(String submissionId, String formId, Map<String, Object> answers, double weight) {
            add(submissionId, formId, answers, weight, null);
        }

        /** As {@link #add(String, String, Map, double)}, with the design values the envelope gave (or null). */
        public void add(String submissionId, String formId, Map<String, Object> answers, double weight, JsonObject design) {
            add(submissionId, formId, answers, weight, design, false);
        }

        /**
         * As {@link #add(String, String, Map, double, JsonObject)}; with {@code subtract}, takes the
         * contribution away instead (a submission that stops counting, or the answers a correction replaces).
         */
        public void add(String submissionId, String formId, Map<String, Object> answers, double weight, JsonObject design,
                boolean subtract) {
            boolean added = forEachCell(formId, answers, weight, design,
                    (table, cell, one) -> tables.computeIfAbsent(table, t -> new HashMap<>()).computeIfAbsent(cell, c -> new Total())
                            .add(subtract ? Stats.EMPTY.minus(one) : one));
            if (!added) {
                refused.add(submissionId);
            }
        }

        /** The submissions whose contributions were refused because a number in them is not finite. */
        public List<String> refused() {
            return refused;
        }

        /** Adds everything {@code more} holds into this sum, cell by cell ({@code more} is left as it was). */
        public void addAll(Sum more) {
            more.tables.forEach((table, cells) -> {
                Map<String, Total> into = tables.computeIfAbsent(table, t -> new HashMap<>());
                cells.forEach((cell, total) -> into.computeIfAbsent(cell, c -> new Total()).add(total));
            });
            refused.addAll(more.refused);
        }

        /** Table id to cell key to statistics. */
        public Map<String, Map<String, Stats>> deltas() {
            Map<String, Map<String, Stats>> deltas = new HashMap<>();
            tables.forEach((table, cells) -> {
                Map<String, Stats> out = new HashMap<>();
                cells.forEach((cell, total) -> out.put(cell, total.stats()));
                deltas.put(table, out);
            });
            return deltas;
        }
    }

    /** The mutable counterpart of {@link Stats}. */
    private static final class Total {
        private long n;
        private double sy;
        private double w;
        private double wy;
        private double w2;
        private double w2y;
        private double wy2;
        private double w2y2;

        void add(Total t) {
            n += t.n;
            sy += t.sy;
            w += t.w;
            wy += t.wy;
            w2 += t.w2;
            w2y += t.w2y;
            wy2 += t.wy2;
            w2y2 += t.w2y2;
        }

        void add(Stats s) {
            n += s.n();
            sy += s.sy();
            w += s.w();
            wy += s.wy();
            w2 += s.w2();
            w2y += s.w2y();
            wy2 += s.wy2();
            w2y2 += s.w2y2();
        }

        Stats stats() {
            return new Stats(n, sy, w, wy, w2, w2y, wy2, w2y2);
        }
    }

    private interface CellSink {
        void add(String table, String cell, Stats one);
    }

    /**
     * Hands every cell one submission contributes to, with its statistics, to {@code sink}; hands
     * nothing and answers false if any of those statistics is not finite.
     */
    private boolean forEachCell(String formId, Map<String, Object> answers, double weight, JsonObject given, CellSink sink) {
        Evaluator.Scope scope = answers::get;
        FormPlan form = plans(formId);
        Stats[] ones = new Stats[form.plans().size()];
        for (int p = 0; p < ones.length; p++) {
            ones[p] = respondent(form.plans().get(p).indicator(), scope, weight);
            if (ones[p] != null && !ones[p].finite()) {
                return false;
            }
        }
        SampleDesign design = catalog.design(formId);
        String unit = unitKey(design, answers, given);
        String household = design == null ? null : design.household(answers, given);
        String inHousehold = unit + "|" + (household == null ? SampleDesign.OWN_PSU : household);
        Stats respondent = Stats.of(weight, 0);
        sink.add(Tables.designId(formId), unit, respondent);
        String[] values = usableValues(form.dimensions(), answers);
        sink.add(Tables.calibrationSample(formId), joined(PERSON_CLASS, values) + "|" + unit, respondent);
        if (form.households()) {
            sink.add(Tables.calibrationHouseholds(formId), joined(HOUSEHOLD_CLASS, values) + "|" + inHousehold, respondent);
        }
        for (int p = 0; p < ones.length; p++) {
            Plan plan = form.plans().get(p);
            Stats one = ones[p];
            if (one == null) {
                continue;
            }
            String member = plan.indicator().perHousehold() && design != null ? inHousehold : null;
            sink.add(plan.calibrationTable(), joined(plan.calibrationDimensions(), values) + "|" + (member == null ? unit : member), one);
            add(sink, plan.nationalTable(), Tables.NATIONAL_CELL, one, design == null ? null : unit, member);
            for (int t = 0; t < plan.tables().length; t++) {
                String cell = cellKey(plan.dimensions()[t], values);
                if (cell != null) {
                    add(sink, plan.tables()[t], cell, one, design == null ? null : unit, member);
                }
            }
        }
        return true;
    }

    /**
     * One cell's contribution and, for a form with a declared design, the same in the cell's
     * entry for the respondent's stratum and PSU in the table's companion ({@link Tables#byPsu}).
     * For a household indicator ({@code member}: {@code "<stratum>|<psu>|<household>"}) only the
     * household table is kept: households are counted from it when it is read.
     */
    private static void add(CellSink sink, String table, String cell, Stats one, String unit, String member) {
        if (member != null) {
            sink.add(Tables.byHousehold(table), cell + "|" + member, one);
            return;
        }
        sink.add(table, cell, one);
        if (unit != null) {
            sink.add(Tables.byPsu(table), cell + "|" + unit, one);
        }
    }

    /** {@code "<stratum>|<psu>"} of the respondent; {@code "*|*"} for a form without a declared design. */
    private static String unitKey(SampleDesign design, Map<String, Object> answers, JsonObject given) {
        if (design == null) {
            return SampleDesign.ONE_STRATUM + "|" + SampleDesign.OWN_PSU;
        }
        SampleDesign.Unit unit = design.unit(answers, given);
        return unit.stratum() + "|" + unit.psu();
    }

    private FormPlan plans(String formId) {
        synchronized (plansByForm) {
            return plansByForm.computeIfAbsent(formId, f -> FormPlan.of(catalog.measuredBy(f), catalog.design(f) != null));
        }
    }

    /** The values at these positions joined with '|', an unusable one as "" (a calibration table's key). */
    private static String joined(int[] positions, String[] values) {
        StringBuilder key = new StringBuilder(40);
        for (int i = 0; i < positions.length; i++) {
            if (i > 0) {
                key.append('|');
            }
            String v = values[positions[i]];
            key.append(v == null ? "" : v);
        }
        return key.toString();
    }

    /** Each dimension's value in these answers as a cell key part; null when missing or unusable. */
    private static String[] usableValues(String[] dimensions, Map<String, Object> answers) {
        String[] values = new String[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            String v = Values.string(answers.get(dimensions[i]));
            values[i] = Tables.usableValue(v) ? v : null;
        }
        return values;
    }

    /** The cell of a table broken down by the dimensions at these positions; null when a value is unusable. */
    private static String cellKey(int[] dimensions, String[] values) {
        if (dimensions.length == 1) {
            return values[dimensions[0]];
        }
        StringBuilder key = new StringBuilder(24);
        for (int d : dimensions) {
            String v = values[d];
            if (v == null) {
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
