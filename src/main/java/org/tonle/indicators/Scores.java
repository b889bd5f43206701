package org.tonle.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns aggregate tables into published scores: estimates, intervals and disclosure control.
 * Pure: the tables are handed in, so reading a score costs a few table reads whatever the
 * number of responses.
 */
public final class Scores {

    private final IndicatorCatalog catalog;

    public Scores(IndicatorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The tables {@link #score} reads for {@code indicator} by {@code by} (which must be supported). */
    public Set<String> tablesNeeded(Indicator indicator, List<String> by) {
        Set<String> ids = new LinkedHashSet<>();
        if (indicator.kind().derived()) {
            Indicator base = catalog.get(indicator.comparison().of());
            List<String> full = Tables.with(base, indicator.comparison().dimension(), by);
            addWithParents(base, full, ids);
        } else {
            addWithParents(indicator, by, ids);
        }
        return ids;
    }

    private static void addWithParents(Indicator indicator, List<String> by, Set<String> ids) {
        ids.add(Tables.id(indicator.id(), List.of()));
        for (String dim : by) {
            ids.add(Tables.id(indicator.id(), List.of(dim)));
        }
        ids.add(Tables.id(indicator.id(), by));
    }

    /** {@code tables}: table id to its cells (cell key to statistics); a missing table is empty. */
    public Score score(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        if (indicator.kind().derived()) {
            return derived(indicator, by, tables);
        }
        Map<List<String>, Cell> national = table(indicator, List.of(), tables);
        Cell nationalCell = national.getOrDefault(List.of(), empty(Map.of()));
        return new Score(indicator, by, nationalCell, by.isEmpty() ? List.of() : List.copyOf(table(indicator, by, tables).values()));
    }

    /** Every cell of one table, suppressed according to the table and its parent tables. */
    Map<List<String>, Cell> table(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        Disclosure.Rules rules = Disclosure.Rules.of(indicator, by);
        Map<List<String>, Stats> cells = cells(tables.apply(Tables.id(indicator.id(), by)));
        Disclosure.Parents parents;
        if (by.isEmpty()) {
            parents = (d, fixed) -> false;
        } else if (by.size() == 1) {
            boolean nationalHidden = table(indicator, List.of(), tables).values().stream().anyMatch(Cell::suppressed);
            parents = (d, fixed) -> nationalHidden;
        } else {
            List<Map<List<String>, Cell>> oneWay = new ArrayList<>();
            for (String dim : by) {
                oneWay.add(table(indicator, List.of(dim), tables));
            }
            // varying dimension d, the parent is the one-way table of the other dimension
            parents = (d, fixed) -> {
                Cell parent = oneWay.get(1 - d).get(fixed);
                return parent == null || parent.suppressed();
            };
        }
        Map<List<String>, Disclosure.Reason> suppressed = Disclosure.suppress(by.size(), cells, rules, parents);
        Map<List<String>, Cell> result = new LinkedHashMap<>();
        boolean proportion = indicator.kind() == Indicator.Kind.PROPORTION;
        cells.forEach((values, stats) -> {
            Map<String, String> key = key(by, values);
            Disclosure.Reason reason = suppressed.get(values);
            result.put(values, reason != null ? new Cell(key, null, false, reason)
                    : new Cell(key, Estimator.estimate(stats, proportion, indicator.factor()),
                            Disclosure.lowPrecision(stats, rules), null));
        });
        return result;
    }

    private Score derived(Indicator indicator, List<String> by, Function<String, Map<String, Stats>> tables) {
        Indicator.Comparison c = indicator.comparison();
        Indicator base = catalog.get(c.of());
        Map<List<String>, Cell> national = compare(indicator, base, List.of(), tables);
        Cell nationalCell = national.getOrDefault(List.of(), empty(Map.of()));
        List<Cell> cells = by.isEmpty() ? List.of() : List.copyOf(compare(indicator, base, by, tables).values());
        return new Score(indicator, by, nationalCell, cells);
    }

    /** Cells of a ratio or difference: for each key of {@code by}, base[first] against base[second]. */
    private Map<List<String>, Cell> compare(Indicator indicator, Indicator base, List<String> by,
            Function<String, Map<String, Stats>> tables) {
        Indicator.Comparison c = indicator.comparison();
        List<String> full = Tables.with(base, c.dimension(), by);
        int at = full.indexOf(c.dimension());
        Map<List<String>, Cell> baseCells = table(base, full, tables);
        Map<List<String>, Cell[]> pairs = new LinkedHashMap<>();
        baseCells.forEach((values, cell) -> {
            String side = values.get(at);
            if (!side.equals(c.first()) && !side.equals(c.second())) {
                return;
            }
            List<String> rest = new ArrayList<>(values);
            rest.remove(at);
            pairs.computeIfAbsent(rest, r -> new Cell[2])[side.equals(c.first()) ? 0 : 1] = cell;
        });
        Map<List<String>, Cell> result = new LinkedHashMap<>();
        pairs.forEach((rest, pair) -> {
            Map<String, String> key = key(withoutDimension(full, at), rest);
            if (pair[0] == null || pair[1] == null) {
                return;
            }
            if (pair[0].suppressed() || pair[1].suppressed()) {
                result.put(rest, new Cell(key, null, false,
                        pair[0].suppressed() ? pair[0].suppressedBecause() : pair[1].suppressedBecause()));
                return;
            }
            Estimate e = indicator.kind() == Indicator.Kind.RATIO
                    ? Estimator.ratio(pair[0].estimate(), pair[1].estimate(), base.factor(), indicator.factor())
                    : Estimator.difference(pair[0].estimate(), pair[1].estimate(), base.factor(), indicator.factor());
            result.put(rest, new Cell(key, e, pair[0].lowPrecision() || pair[1].lowPrecision(), null));
        });
        return result;
    }

    private static List<String> withoutDimension(List<String> dims, int at) {
        List<String> rest = new ArrayList<>(dims);
        rest.remove(at);
        return rest;
    }

    private static Map<List<String>, Stats> cells(Map<String, Stats> stored) {
        Map<List<String>, Stats> cells = new LinkedHashMap<>();
        if (stored != null) {
            new java.util.TreeMap<>(stored).forEach((k, s) -> {
                if (s.n() > 0) {
                    cells.put(Tables.cellValues(k), s);
                }
            });
        }
        return cells;
    }

    private static Map<String, String> key(List<String> by, List<String> values) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            key.put(by.get(i), values.get(i));
        }
        return key;
    }

    private static Cell empty(Map<String, String> key) {
        return new Cell(key, new Estimate(null, null, null, null, 0, 0, null), false, Disclosure.Reason.SMALL_DENOMINATOR);
    }
}
