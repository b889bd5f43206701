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
        return score(indicator, by, new Reading(tables, precision, true));
    }

    /**
     * A score with every cell estimated, whatever its size: only the precision rules withhold cells.
     * For a caller that applies its own disclosure control to all tables at once (a release) and
     * never publishes what it reads here as it is.
     */
    public Score withoutDisclosureControl(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables,
            Precision precision) {
        return score(indicator, by, new Reading(tables, precision, false));
    }

    private Score score(Indicator indicator, List<String> by, Reading reading) {
        if (indicator.kind().derived()) {
            return derived(indicator, by, reading);
        }
        Cell national = reading.table(indicator, List.of()).getOrDefault(List.of(), empty(Map.of()));
        return new Score(indicator, by, national, by.isEmpty() ? List.of() : List.copyOf(reading.table(indicator, by).values()));
    }

    /**
     * The statistics behind each cell of a proportion's or mean's table (n, the count with the
     * attribute, the weighted sums), withheld or not: what a release needs to coordinate suppression
     * across tables and to measure how much a cell changed since the previous release. Never published.
     */
    public Map<List<String>, Stats> cellStats(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        Map<List<String>, Stats> stats = new LinkedHashMap<>();
        new Reading(tables, Precision.DEFAULT, true).domains(indicator, by).forEach((values, d) -> stats.put(values, d.stats()));
        return stats;
    }

    private Score derived(Indicator indicator, List<String> by, Reading reading) {
        Indicator base = catalog.get(indicator.comparison().of());
        Cell national = compare(indicator, base, List.of(), reading).getOrDefault(List.of(), empty(Map.of()));
        List<Cell> cells = by.isEmpty() ? List.of() : List.copyOf(compare(indicator, base, by, reading).values());
        return new Score(indicator, by, national, cells);
    }

    /** Cells of a ratio or difference: for each key of {@code by}, base[first] against base[second]. */
    private Map<List<String>, Cell> compare(Indicator indicator, Indicator base, List<String> by, Reading reading) {
        Indicator.Comparison c = indicator.comparison();
        List<String> full = Tables.with(base, c.dimension(), by);
        int at = full.indexOf(c.dimension());
        Map<List<String>, Cell> baseCells = reading.table(base, full);
        Map<List<String>, Estimator.Domain> domains = reading.domains(base, full);
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
            Estimate e = Estimator.contrast(domains.get(pair[0]), domains.get(pair[1]),
                    indicator.kind() == Indicator.Kind.RATIO, indicator.factor());
            result.put(rest, new Cell(key, e, first.flag() != null || second.flag() != null ? Cell.Flag.LOW_PRECISION : null, null));
        });
        return result;
    }

    /** One read of the tables: the design's PSUs per stratum are worked out once per form. */
    private final class Reading {
        private final Function<String, Map<String, Stats>> tables;
        private final Precision precision;
        private final boolean disclosure;
        private final Map<Set<String>, Map<String, Long>> psus = new HashMap<>();

        Reading(Function<String, Map<String, Stats>> tables, Precision precision, boolean disclosure) {
            this.tables = tables;
            this.precision = precision;
            this.disclosure = disclosure;
        }

        /** Every cell of one table, suppressed according to the table and its parent tables. */
        Map<List<String>, Cell> table(Indicator indicator, List<String> by) {
            Disclosure.Rules rules = Disclosure.Rules.of(indicator, by);
            Map<List<String>, Estimator.Domain> domains = domains(indicator, by);
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
                Estimate e = Estimator.estimate(domain, proportion, indicator.factor());
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
