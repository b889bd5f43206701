package org.tonle.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tonle.calibration.Target;

/**
 * Turns aggregate tables into published scores: estimates, intervals, disclosure control and
 * precision flags. Pure: the tables are handed in, so reading a score costs a few table reads
 * whatever the number of responses. Besides an indicator's tables it reads its form's design
 * table and, for a form with a declared design, each table's per-PSU companion (see {@link Tables}).
 */
public final class Scores {

    private final IndicatorCatalog catalog;

    public Scores(IndicatorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The tables {@link #score} reads for {@code indicator} by {@code by} (which must be supported). */
    public Set<String> tablesNeeded(Indicator indicator, List<String> by) {
        Set<String> ids = new LinkedHashSet<>();
        Indicator measured = indicator.kind().derived() ? catalog.get(indicator.comparison().of()) : indicator;
        List<String> full = indicator.kind().derived() ? Tables.with(measured, indicator.comparison().dimension(), by) : by;
        List<String> published = new ArrayList<>();
        published.add(Tables.id(measured.id(), List.of()));
        for (String dim : full) {
            published.add(Tables.id(measured.id(), List.of(dim)));
        }
        published.add(Tables.id(measured.id(), full));
        for (String table : published) {
            if (households(measured)) {
                ids.add(Tables.byHousehold(table));
            } else {
                ids.add(table);
                if (designed(measured)) {
                    ids.add(Tables.byPsu(table));
                }
            }
        }
        measured.forms().forEach(f -> ids.add(Tables.designId(f)));
        return ids;
    }

    /** The tables {@link #score} reads for {@code indicator} by {@code by} with weights calibrated to a target (null: design weights). */
    public Set<String> tablesNeeded(Indicator indicator, List<String> by, Target target) {
        Set<String> ids = tablesNeeded(indicator, by);
        if (target != null) {
            Indicator measured = indicator.kind().derived() ? catalog.get(indicator.comparison().of()) : indicator;
            boolean households = households(measured);
            ids.add(Tables.calibration(measured.id(), Tables.calibrationDimensions(measured, households)));
            measured.forms().forEach(f -> ids.add(households ? Tables.calibrationHouseholds(f) : Tables.calibrationSample(f)));
        }
        return ids;
    }

    private boolean designed(Indicator measured) {
        return measured.forms().stream().anyMatch(f -> catalog.design(f) != null);
    }

    private boolean households(Indicator measured) {
        return measured.perHousehold() && designed(measured);
    }

    /** {@code tables}: table id to its cells (cell key to statistics); a missing table is empty. */
    public Score score(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        return score(indicator, by, tables, Precision.DEFAULT);
    }

    public Score score(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables, Precision precision) {
        return score(indicator, by, new Reading(tables, precision, true, null));
    }

    /**
     * A score with the weights calibrated to {@code target} (null: the design weights). Disclosure
     * control decides on the design-weighted statistics, so the same cells are withheld whichever the
     * weights; the precision rules apply to the calibrated estimate.
     *
     * @throws Calibration.NotApplicable when the target cannot calibrate this indicator's sample
     */
    public Score score(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables, Precision precision,
            Target target) {
        return score(indicator, by, new Reading(tables, precision, true, target));
    }

    /**
     * A score with every cell estimated, whatever its size: only the precision rules withhold cells.
     * For a caller that applies its own disclosure control to all tables at once (a release) and
     * never publishes what it reads here as it is.
     */
    public Score withoutDisclosureControl(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables,
            Precision precision) {
        return score(indicator, by, new Reading(tables, precision, false, null));
    }

    private Score score(Indicator indicator, List<String> by, Reading reading) {
        if (indicator.kind().derived()) {
            return derived(indicator, by, reading);
        }
        Cell national = reading.table(indicator, List.of()).getOrDefault(List.of(), empty(Map.of()));
        return new Score(indicator, by, national, by.isEmpty() ? List.of() : List.copyOf(reading.table(indicator, by).values()),
                reading.calibration(indicator));
    }

    /**
     * The statistics behind each cell of a proportion's or mean's table (n, the count with the
     * attribute, the weighted sums), withheld or not: what a release needs to coordinate suppression
     * across tables and to measure how much a cell changed since the previous release. Never published.
     */
    public Map<List<String>, Stats> cellStats(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        Map<List<String>, Stats> stats = new LinkedHashMap<>();
        new Reading(tables, Precision.DEFAULT, true, null).domains(indicator, by).forEach((values, d) -> stats.put(values, d.stats()));
        return stats;
    }

    private Score derived(Indicator indicator, List<String> by, Reading reading) {
        Indicator base = catalog.get(indicator.comparison().of());
        Cell national = compare(indicator, base, List.of(), reading).getOrDefault(List.of(), empty(Map.of()));
        List<Cell> cells = by.isEmpty() ? List.of() : List.copyOf(compare(indicator, base, by, reading).values());
        return new Score(indicator, by, national, cells, reading.calibration(base));
    }

    /** Cells of a ratio or difference: for each key of {@code by}, base[first] against base[second]. */
    private Map<List<String>, Cell> compare(Indicator indicator, Indicator base, List<String> by, Reading reading) {
        Indicator.Comparison c = indicator.comparison();
        List<String> full = Tables.with(base, c.dimension(), by);
        int at = full.indexOf(c.dimension());
        Map<List<String>, Cell> baseCells = reading.table(base, full);
        Map<List<String>, ? extends CellData> domains = reading.cellData(base, full);
        Map<List<String>, List<String>[]> pairs = new LinkedHashMap<>();
        baseCells.keySet().forEach(values -> {
            String side = values.get(at);
            if (side.equals(c.first()) || side.equals(c.second())) {
                List<String> rest = new ArrayList<>(values);
                rest.remove(at);
                @SuppressWarnings("unchecked")
                List<String>[] pair = pairs.computeIfAbsent(rest, r -> new List[2]);
                pair[side.equals(c.first()) ? 0 : 1] = values;
            }
        });
        Map<List<String>, Cell> result = new LinkedHashMap<>();
        pairs.forEach((rest, pair) -> {
            if (pair[0] == null || pair[1] == null) {
                return;
            }
            Map<String, String> key = key(withoutDimension(full, at), rest);
            Cell first = baseCells.get(pair[0]);
            Cell second = baseCells.get(pair[1]);
            if (first.suppressed() || second.suppressed()) {
                result.put(rest, new Cell(key, null, null, first.suppressed() ? first.suppressedBecause() : second.suppressedBecause()));
                return;
            }
            Estimate e = domains.get(pair[0]).contrast(domains.get(pair[1]), indicator.kind() == Indicator.Kind.RATIO, indicator.factor());
            result.put(rest, new Cell(key, e, first.flag() != null || second.flag() != null ? Cell.Flag.LOW_PRECISION : null, null));
        });
        return result;
    }

    /** One read of the tables: the design's PSUs per stratum, and the calibrated weights, are worked out once. */
    private final class Reading {
        private final Function<String, Map<String, Stats>> tables;
        private final Precision precision;
        private final boolean disclosure;
        private final Target target;
        private final Map<Set<String>, Map<String, Long>> psus = new HashMap<>();
        private final Map<String, Calibration> calibrations = new HashMap<>();

        Reading(Function<String, Map<String, Stats>> tables, Precision precision, boolean disclosure, Target target) {
            this.tables = tables;
            this.precision = precision;
            this.disclosure = disclosure;
            this.target = target;
        }

        /** Each cell of a table with what its estimate needs, with this reading's weights. */
        Map<List<String>, ? extends CellData> cellData(Indicator indicator, List<String> by) {
            return target == null ? domains(indicator, by) : calibratedDomains(indicator, by);
        }

        /** The calibrated weights of this reading for a measured indicator's sample; null with design weights. */
        Calibration calibration(Indicator indicator) {
            if (target == null) {
                return null;
            }
            return calibrations.computeIfAbsent(indicator.id(), id -> calibrate(indicator));
        }

        /** Every cell of one table, suppressed according to the table and its parent tables. */
        Map<List<String>, Cell> table(Indicator indicator, List<String> by) {
            Disclosure.Rules rules = Disclosure.Rules.of(indicator, by);
            Map<List<String>, ? extends CellData> domains = cellData(indicator, by);
            Map<List<String>, Stats> cells = new LinkedHashMap<>();
            domains.forEach((values, d) -> cells.put(values, d.stats()));
            Map<List<String>, Disclosure.Reason> suppressed = disclosure
                    ? Disclosure.suppress(by.size(), cells, rules, parents(indicator, by)) : Map.of();
            Map<List<String>, Cell> result = new LinkedHashMap<>();
            boolean proportion = indicator.kind() == Indicator.Kind.PROPORTION;
            domains.forEach((values, domain) -> {
                Map<String, String> key = key(by, values);
                Disclosure.Reason reason = suppressed.get(values);
                if (reason != null) {
                    result.put(values, new Cell(key, null, null, reason));
                    return;
                }
                Estimate e = domain.estimate(proportion, indicator.factor());
                result.put(values, precision.withheld(e) ? new Cell(key, null, null, Disclosure.Reason.IMPRECISE)
                        : new Cell(key, e, precision.flag(e, true), null));
            });
            return result;
        }

        private Disclosure.Parents parents(Indicator indicator, List<String> by) {
            if (by.isEmpty()) {
                return (d, fixed) -> false;
            }
            if (by.size() == 1) {
                boolean nationalHidden = hidden(table(indicator, List.of()).values());
                return (d, fixed) -> nationalHidden;
            }
            List<Map<List<String>, Cell>> oneWay = new ArrayList<>();
            for (String dim : by) {
                oneWay.add(table(indicator, List.of(dim)));
            }
            // varying dimension d, the parent is the one-way table of the other dimension
            return (d, fixed) -> {
                Cell parent = oneWay.get(1 - d).get(fixed);
                return parent == null || parent.suppressedBecause() != null && parent.suppressedBecause() != Disclosure.Reason.IMPRECISE;
            };
        }

        private boolean hidden(java.util.Collection<Cell> cells) {
            return cells.stream().anyMatch(c -> c.suppressed() && c.suppressedBecause() != Disclosure.Reason.IMPRECISE);
        }

        /** Each cell of a table with its per-PSU entries and its form's design. */
        Map<List<String>, Estimator.Domain> domains(Indicator indicator, List<String> by) {
            String table = Tables.id(indicator.id(), by);
            Map<String, Long> design = psus(indicator.forms());
            if (households(indicator)) {
                Map<List<String>, Estimator.Domain> domains = new LinkedHashMap<>();
                new TreeMap<>(HouseholdCells.domains(tables.apply(Tables.byHousehold(table)), design))
                        .forEach((k, d) -> domains.put(Tables.cellValues(k), d));
                return domains;
            }
            Map<String, Map<String, Stats>> companion = designed(indicator) ? DesignVariance.byCell(tables.apply(Tables.byPsu(table))) : null;
            Map<List<String>, Estimator.Domain> domains = new LinkedHashMap<>();
            Map<String, Stats> stored = tables.apply(table);
            if (stored != null) {
                new TreeMap<>(stored).forEach((k, s) -> {
                    if (s.n() > 0) {
                        Map<String, Stats> byUnit = companion == null ? Map.of(SampleDesign.ONE_STRATUM + "|" + SampleDesign.OWN_PSU, s)
                                : companion.getOrDefault(k, Map.of());
                        domains.put(Tables.cellValues(k), new Estimator.Domain(s, byUnit, design));
                    }
                });
            }
            return domains;
        }

        /** Each cell of a table, from the indicator's calibration table, with the calibrated weights. */
        private Map<List<String>, CalibratedDomain> calibratedDomains(Indicator indicator, List<String> by) {
            Calibration calibration = calibration(indicator);
            boolean households = households(indicator);
            List<String> dims = Tables.calibrationDimensions(indicator, households);
            int[] cellAt = Calibration.positions(dims, by);
            int[] classAt = Calibration.positions(dims, calibration.target().variables());
            Map<String, Map<Integer, Map<String, Stats>>> byCell = new TreeMap<>();
            Map<String, Stats> table = tables.apply(Tables.calibration(indicator.id(), dims));
            if (table != null) {
                table.forEach((key, s) -> {
                    if (s.n() <= 0) {
                        return;
                    }
                    String[] parts = key.split("\\|", -1);
                    List<String> values = Calibration.project(parts, cellAt);
                    int j = calibration.classOf(Calibration.project(parts, classAt));
                    // j < 0 only for a read between the two writes of one batch (the sample is in the form's
                    // design document, the members in the indicator's), as the design table may be a batch behind
                    if (values.contains("") || j < 0) {
                        return;
                    }
                    String unit = parts[dims.size()] + "|" + parts[dims.size() + 1];
                    Stats member = households ? household(parts[dims.size() + 2], s) : s;
                    byCell.computeIfAbsent(Tables.cellKey(values), k -> new HashMap<>()).computeIfAbsent(j, k -> new HashMap<>())
                            .merge(unit, member, Stats::plus);
                });
            }
            Map<List<String>, CalibratedDomain> domains = new LinkedHashMap<>();
            byCell.forEach((key, members) -> domains.put(Tables.cellValues(key), new CalibratedDomain(calibration, members)));
            return domains;
        }

        /**
         * Calibrates the sample of a measured indicator's forms to the target, once its calibration
         * tables are known to hold every respondent the design tables hold.
         */
        private Calibration calibrate(Indicator indicator) {
            boolean households = households(indicator);
            if (target.unit() != (households ? Target.Unit.HOUSEHOLDS : Target.Unit.PERSONS)) {
                throw new Calibration.NotApplicable(Calibration.Problem.WRONG_UNIT, List.of());
            }
            Map<String, Stats> sample = new HashMap<>();
            long designed = 0;
            long counted = 0;
            for (String form : indicator.forms()) {
                designed += respondents(tables.apply(Tables.designId(form)));
                Map<String, Stats> units = tables.apply(households ? Tables.calibrationHouseholds(form) : Tables.calibrationSample(form));
                counted += respondents(units);
                if (units != null) {
                    units.forEach((key, s) -> {
                        if (s.n() <= 0) {
                            return;
                        }
                        if (households) {
                            int bar = key.lastIndexOf('|');
                            sample.merge(key.substring(0, bar), household(key.substring(bar + 1), s), Stats::plus);
                        } else {
                            sample.merge(key, s, Stats::plus);
                        }
                    });
                }
            }
            List<String> dims = Tables.calibrationDimensions(indicator, households);
            String national = Tables.id(indicator.id(), List.of());
            long members = respondents(tables.apply(households ? Tables.byHousehold(national) : national));
            if (designed != counted || members != respondents(tables.apply(Tables.calibration(indicator.id(), dims)))) {
                throw new Calibration.NotApplicable(Calibration.Problem.INCOMPLETE, List.of());
            }
            return Calibration.of(target, target.unit().variables(), sample, psus(indicator.forms()));
        }

        private Map<String, Long> psus(Set<String> forms) {
            return psus.computeIfAbsent(forms, fs -> {
                Map<String, Stats> all = new HashMap<>();
                fs.forEach(f -> {
                    Map<String, Stats> design = tables.apply(Tables.designId(f));
                    if (design != null) {
                        design.forEach((k, s) -> all.merge(k, s, Stats::plus));
                    }
                });
                return DesignVariance.psusPerStratum(all);
            });
        }
    }

    /** Respondents counted in a table (0 for a missing one). */
    private static long respondents(Map<String, Stats> table) {
        return table == null ? 0 : table.values().stream().mapToLong(Stats::n).sum();
    }

    /** One household from its interviewed members' statistics, as {@link HouseholdCells} counts it ("*": members that are each their own). */
    private static Stats household(String id, Stats members) {
        return id.equals(SampleDesign.OWN_PSU) ? members : Stats.of(members.w() / members.n(), members.sy() > 0 ? 1 : 0);
    }

    private static List<String> withoutDimension(List<String> dims, int at) {
        List<String> rest = new ArrayList<>(dims);
        rest.remove(at);
        return rest;
    }

    private static Map<String, String> key(List<String> by, List<String> values) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            key.put(by.get(i), values.get(i));
        }
        return key;
    }

    private static Cell empty(Map<String, String> key) {
        return new Cell(key, Estimate.none(0, 0), null, Disclosure.Reason.SMALL_DENOMINATOR);
    }
}
