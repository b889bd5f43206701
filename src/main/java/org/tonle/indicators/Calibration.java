package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tonle.calibration.Target;

/**
 * Design weights calibrated to known population totals, worked out at read time from the whole
 * sample's units per calibration class and PSU (additive tables, see {@link Tables#calibrationSample}).
 * Pure. Matches R's {@code survey} package:
 * <ul>
 * <li>post-stratification ({@code postStratify}): every unit of a cell of the target's
 * cross-classification gets the factor g = N/N̂, the cell's total over its design-weighted size;
 * <li>raking ({@code rake}, iterative proportional fitting): the margins are matched one after the
 * other, again and again, until the joint table of the margins' variables changes by less than
 * {@link #RAKE_EPSILON} of the sample's weight between two passes, at most {@link #RAKE_MAX_PASSES}
 * passes; every unit of one class of that joint table ends with the same factor.
 * </ul>
 * The variance of an estimate with these weights ({@link CalibratedDomain}) needs the factors, the
 * factor each margin's step left in the last pass (for raking), and per class the units' count, weight
 * and per-PSU sums, all kept here.
 */
public final class Calibration {

    /** R's {@code rake(control = list(maxit = 100, epsilon = 1e-10))}: at most this many passes over the margins. */
    static final int RAKE_MAX_PASSES = 100;
    /** … until the joint table moves by less than this share of the sample's design weight (R's epsilon below 1). */
    static final double RAKE_EPSILON = 1e-10;

    /** Why calibrated estimates cannot be made: R's {@code postStratify} and {@code rake} would stop too. */
    public enum Problem {
        /** Some units have no value of a variable the target uses. */
        MISSING_VALUE,
        /** Units of the sample fall in a cell the target has no total for. */
        NO_TOTAL,
        /** A cell of the target has a total but no unit of the sample. */
        NO_SAMPLE,
        /** A target of households for an indicator of persons, or the other way round. */
        WRONG_UNIT,
        /** The calibration tables do not yet hold every counted submission (stored before they existed): a recompute fills them. */
        INCOMPLETE
    }

    /** Calibration is not possible with this target and this sample; {@code cells} names where (at most 50). */
    public static final class NotApplicable extends RuntimeException {
        private final Problem problem;
        private final transient List<String> cells;

        public NotApplicable(Problem problem, List<String> cells) {
            super(problem.name(), null, false, false);
            this.problem = problem;
            this.cells = List.copyOf(cells.subList(0, Math.min(50, cells.size())));
        }

        public Problem problem() {
            return problem;
        }

        public List<String> cells() {
            return cells;
        }
    }

    final Target target;
    /** The joint classes: the values of {@link Target#variables()} of each. */
    final List<List<String>> classes;
    private final Map<List<String>, Integer> index = new HashMap<>();
    /** Per class, its units per {@code "<stratum>|<psu>"}: n units, Σd, Σd² (and zeros). */
    final List<Map<String, Stats>> units = new ArrayList<>();
    final double[] weight;
    final long[] count;
    /** The factor of each class: calibrated weight = design weight × factor. */
    final double[] factor;
    /** Raking: [margin][class] the factor just after that margin's step in the last pass. */
    final double[][] stepFactor;
    /** [margin][class]: the index of the class's cell in that margin. */
    final int[][] level;
    final int[] levels;
    final int passes;
    final boolean converged;
    final Map<String, Long> psusPerStratum;

    /**
     * Calibrates the sample {@code sample} (keys {@code "<v1>|…|<vk>|<stratum>|<psu>"}, the values of
     * {@code variables} first; statistics of units, as {@link Stats#of} with y = 0) to {@code target}.
     *
     * @throws NotApplicable when a unit has no value of a target variable, falls in a cell without a
     *         total, or a cell with a total has no unit
     */
    public static Calibration of(Target target, List<String> variables, Map<String, Stats> sample, Map<String, Long> psusPerStratum) {
        return new Calibration(target, variables, sample, psusPerStratum);
    }

    private Calibration(Target target, List<String> variables, Map<String, Stats> sample, Map<String, Long> psusPerStratum) {
        this.target = target;
        this.psusPerStratum = psusPerStratum;
        int[] positions = positions(variables, target.variables());
        Map<List<String>, Map<String, Stats>> byClass = new java.util.TreeMap<>(Calibration::compareValues);
        List<String> missing = new ArrayList<>();
        sample.forEach((key, s) -> {
            if (s.n() == 0) {
                return;
            }
            String[] parts = key.split("\\|", -1);
            List<String> values = project(parts, positions);
            if (values.contains("")) {
                missing.add(describe(target.variables(), values));
                return;
            }
            String unit = parts[variables.size()] + "|" + parts[variables.size() + 1];
            byClass.computeIfAbsent(values, v -> new HashMap<>()).merge(unit, s, Stats::plus);
        });
        if (!missing.isEmpty()) {
            throw new NotApplicable(Problem.MISSING_VALUE, new ArrayList<>(new TreeSet<>(missing)));
        }
        classes = new ArrayList<>(byClass.keySet());
        int c = classes.size();
        weight = new double[c];
        count = new long[c];
        for (int j = 0; j < c; j++) {
            index.put(classes.get(j), j);
            Map<String, Stats> u = byClass.get(classes.get(j));
            units.add(u);
            for (Stats s : u.values()) {
                weight[j] += s.w();
                count[j] += s.n();
            }
        }
        List<Target.Margin> margins = target.margins();
        level = new int[margins.size()][c];
        levels = new int[margins.size()];
        double[][] totals = new double[margins.size()][];
        for (int k = 0; k < margins.size(); k++) {
            totals[k] = levels(k, margins.get(k));
        }
        factor = new double[c];
        stepFactor = new double[margins.size()][];
        if (target.method() == Target.Method.POSTSTRATIFY) {
            double[] sampled = new double[levels[0]];
            for (int j = 0; j < c; j++) {
                sampled[level[0][j]] += weight[j];
            }
            for (int j = 0; j < c; j++) {
                factor[j] = totals[0][level[0][j]] / sampled[level[0][j]];
            }
            stepFactor[0] = factor;
            passes = 1;
            converged = true;
        } else {
            int[] done = {0};
            converged = rake(totals, done);
            passes = done[0];
        }
    }

    /** Iterative proportional fitting as R's {@code rake}; answers whether it converged, and the passes made in {@code done[0]}. */
    private boolean rake(double[][] totals, int[] done) {
        int c = classes.size();
        Arrays.fill(factor, 1);
        double[] old = weight.clone();
        double epsilon = RAKE_EPSILON * Arrays.stream(weight).sum();
        for (int pass = 0; pass < RAKE_MAX_PASSES; pass++) {
            for (int k = 0; k < totals.length; k++) {
                double[] estimated = new double[levels[k]];
                for (int j = 0; j < c; j++) {
                    estimated[level[k][j]] += factor[j] * weight[j];
                }
                for (int j = 0; j < c; j++) {
                    factor[j] *= totals[k][level[k][j]] / estimated[level[k][j]];
                }
                stepFactor[k] = factor.clone();
            }
            done[0] = pass + 1;
            double delta = 0;
            for (int j = 0; j < c; j++) {
                double now = factor[j] * weight[j];
                delta = Math.max(delta, Math.abs(now - old[j]));
                old[j] = now;
            }
            if (delta < epsilon) {
                return true;
            }
        }
        return false;
    }

    /**
     * Numbers the cells of margin {@code k} that hold sampled classes and answers their totals;
     * every sampled cell must have a total and every cell with a total a sampled class.
     */
    private double[] levels(int k, Target.Margin margin) {
        int[] positions = positions(target.variables(), margin.variables());
        Map<List<String>, Integer> numbers = new LinkedHashMap<>();
        List<String> noTotal = new ArrayList<>();
        for (int j = 0; j < classes.size(); j++) {
            List<String> values = project(classes.get(j).toArray(String[]::new), positions);
            if (!margin.totals().containsKey(values)) {
                noTotal.add(describe(margin.variables(), values));
            }
            level[k][j] = numbers.computeIfAbsent(values, v -> numbers.size());
        }
        if (!noTotal.isEmpty()) {
            throw new NotApplicable(Problem.NO_TOTAL, new ArrayList<>(new TreeSet<>(noTotal)));
        }
        List<String> noSample = new ArrayList<>();
        margin.totals().keySet().forEach(values -> {
            if (!numbers.containsKey(values)) {
                noSample.add(describe(margin.variables(), values));
            }
        });
        if (!noSample.isEmpty()) {
            throw new NotApplicable(Problem.NO_SAMPLE, noSample);
        }
        levels[k] = numbers.size();
        double[] totals = new double[numbers.size()];
        numbers.forEach((values, n) -> totals[n] = margin.totals().get(values));
        return totals;
    }

    /** The class of a unit whose values of the calibration tables' variables {@code variables} are {@code values}; -1 if none. */
    int classOf(List<String> values) {
        return index.getOrDefault(values, -1);
    }

    /** The calibrated weights' total: the target's grand total (of the last margin, for raking). */
    public double total() {
        double total = 0;
        for (int j = 0; j < factor.length; j++) {
            total += factor[j] * weight[j];
        }
        return total;
    }

    public int passes() {
        return passes;
    }

    public boolean converged() {
        return converged;
    }

    public Target target() {
        return target;
    }

    /** Positions of {@code wanted} among {@code variables}. */
    static int[] positions(List<String> variables, List<String> wanted) {
        return wanted.stream().mapToInt(variables::indexOf).toArray();
    }

    static List<String> project(String[] values, int[] positions) {
        List<String> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            out.add(values[p]);
        }
        return out;
    }

    private static String describe(List<String> variables, List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < variables.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(variables.get(i)).append('=').append(values.get(i).isEmpty() ? "(none)" : values.get(i));
        }
        return s.toString();
    }

    private static int compareValues(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
