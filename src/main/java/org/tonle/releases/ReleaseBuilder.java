package org.tonle.releases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorCatalog;
import org.tonle.indicators.Precision;
import org.tonle.indicators.Score;
import org.tonle.indicators.Scores;
import org.tonle.indicators.Stats;
import org.tonle.indicators.Tables;

/**
 * Builds a release from one read of every live table: scores every table of every indicator,
 * decides against the previous release which cells are carried over ({@link Differencing}),
 * withholds cells with {@link CoordinatedSuppression} on what the release stands for, and rounds
 * with {@link Rounding}. Ratios and differences follow their base indicator's
 * released cells. Pure and CPU-bound: run it on a worker.
 */
final class ReleaseBuilder {

    private final IndicatorCatalog catalog;
    private final Scores scores;

    ReleaseBuilder(IndicatorCatalog catalog) {
        this.catalog = catalog;
        this.scores = new Scores(catalog);
    }

    /** @param previous the previous release's indicators by id (empty for the first release) */
    Map<String, ReleasedIndicator> build(Function<String, Map<String, Stats>> tables, Map<String, ReleasedIndicator> previous) {
        Map<String, Set<List<String>>> carried = new LinkedHashMap<>();
        List<LiveTable> live = new ArrayList<>();
        byIndicator(liveTables(tables)).forEach((indicator, own) -> {
            ReleasedIndicator before = previous.get(indicator.id());
            Map<List<String>, Set<List<String>>> carry = before == null ? Map.of() : carried(indicator, own, before);
            for (LiveTable t : own) {
                carried.put(t.id(), carry.getOrDefault(t.by(), Set.of()));
                live.add(t.withStats(effective(t, carried.get(t.id()), before)));
            }
        });
        Map<String, Set<List<String>>> withheld = CoordinatedSuppression.withheld(live);
        Map<String, ReleasedIndicator> out = new LinkedHashMap<>();
        byIndicator(live).forEach((indicator, own) -> {
            Map<List<String>, Map<List<String>, Released>> cells = new LinkedHashMap<>();
            ReleasedIndicator before = previous.get(indicator.id());
            own.forEach(t -> cells.put(t.by(), cells(t, withheld.get(t.id()), carried.get(t.id()), before)));
            out.put(indicator.id(), new ReleasedIndicator(indicator.id(), cells));
        });
        for (Indicator i : catalog.all()) {
            if (i.kind().derived()) {
                out.put(i.id(), derived(i, tables, out.get(i.comparison().of()), previous.get(i.id())));
            }
        }
        return out;
    }

    private static Map<Indicator, List<LiveTable>> byIndicator(List<LiveTable> tables) {
        Map<Indicator, List<LiveTable>> grouped = new LinkedHashMap<>();
        tables.forEach(t -> grouped.computeIfAbsent(t.indicator(), i -> new ArrayList<>()).add(t));
        return grouped;
    }

    private static Map<List<String>, Set<List<String>>> carried(Indicator indicator, List<LiveTable> own, ReleasedIndicator before) {
        Map<List<String>, Map<List<String>, Stats>> now = new LinkedHashMap<>();
        Map<List<String>, Map<List<String>, Stats>> then = new LinkedHashMap<>();
        for (LiveTable t : own) {
            now.put(t.by(), t.stats());
            Map<List<String>, Stats> bases = new LinkedHashMap<>();
            before.tables().getOrDefault(t.by(), Map.of()).forEach((values, r) -> {
                if (r.basis() != null) {
                    bases.put(values, r.basis());
                }
            });
            then.put(t.by(), bases);
        }
        return Differencing.carried(now, then, k(indicator), indicator.kind() == Indicator.Kind.PROPORTION);
    }

    /** The statistics a release stands for: a carried cell's previous basis (or its absence), the others' current ones. */
    private static Map<List<String>, Stats> effective(LiveTable t, Set<List<String>> carried, ReleasedIndicator before) {
        Map<List<String>, Released> previous = before == null ? Map.of() : before.tables().getOrDefault(t.by(), Map.of());
        Map<List<String>, Stats> stats = new LinkedHashMap<>(t.stats());
        for (List<String> values : carried) {
            Released then = previous.get(values);
            if (then == null || then.basis() == null) {
                stats.remove(values);
            } else {
                stats.put(values, then.basis());
            }
        }
        return stats;
    }

    private List<LiveTable> liveTables(Function<String, Map<String, Stats>> tables) {
        List<LiveTable> live = new ArrayList<>();
        for (Indicator i : catalog.all()) {
            if (!i.kind().derived()) {
                for (List<String> by : breakdowns(i)) {
                    Score score = scores.withoutDisclosureControl(i, by, tables, Precision.DEFAULT);
                    live.add(new LiveTable(i, by, score, scores.cellStats(i, by, tables)));
                }
            }
        }
        return live;
    }

    static List<List<String>> breakdowns(Indicator i) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of());
        all.addAll(i.disaggregations());
        return all;
    }

    /** A table's cells as released: withheld where the pattern says, a carried cell as before, the others rounded from live. */
    private static Map<List<String>, Released> cells(LiveTable t, Set<List<String>> withheld, Set<List<String>> carried,
            ReleasedIndicator before) {
        Map<List<String>, Released> previous = before == null ? Map.of() : before.tables().getOrDefault(t.by(), Map.of());
        Map<List<String>, Cell> live = t.cells();
        Map<List<String>, Released> cells = new LinkedHashMap<>();
        boolean national = t.by().isEmpty();
        t.stats().forEach((values, stats) -> {
            Released then = previous.get(values);
            Map<String, String> key = national ? null : key(t.by(), values);
            if (carried.contains(values)) {
                cells.put(values, new Released(withheld.contains(values) ? Rounding.withheld(key) : then.json(), then.basis(), true));
            } else {
                Cell cell = live.get(values);
                var json = withheld.contains(values) || cell == null ? Rounding.withheld(key) : Rounding.cell(cell, t.indicator().unit(), !national);
                cells.put(values, new Released(json, stats, false));
            }
        });
        return cells;
    }

    private static Map<String, String> key(List<String> by, List<String> values) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            key.put(by.get(i), values.get(i));
        }
        return key;
    }

    /** The largest k of the indicator's tables: the differencing threshold of all of them. */
    private static int k(Indicator i) {
        return breakdowns(i).stream().mapToInt(by -> Disclosure.Rules.of(i, by).k()).max().orElse(i.threshold());
    }

    /**
     * A ratio's or difference's cells: withheld where either compared cell of the base is withheld
     * in this release, the previous release's cell where either is carried, else the live cell.
     */
    private ReleasedIndicator derived(Indicator d, Function<String, Map<String, Stats>> tables, ReleasedIndicator base,
            ReleasedIndicator before) {
        Map<List<String>, Map<List<String>, Released>> out = new LinkedHashMap<>();
        for (List<String> by : breakdowns(d)) {
            List<String> dims = new ArrayList<>(by);
            dims.add(d.comparison().dimension());
            List<String> baseBy = Tables.declared(catalog.get(d.comparison().of()), dims);
            Map<List<String>, Released> baseCells = base == null || baseBy == null ? Map.of() : base.tables().getOrDefault(baseBy, Map.of());
            Map<List<String>, Released> previous = before == null ? Map.of() : before.tables().getOrDefault(by, Map.of());
            Score live = scores.withoutDisclosureControl(d, by, tables, Precision.DEFAULT);
            Map<List<String>, Released> cells = new LinkedHashMap<>();
            for (Cell cell : by.isEmpty() ? List.of(live.national()) : live.cells()) {
                List<String> values = by.stream().map(cell.key()::get).toList();
                Released r = derivedCell(d, cell, by.isEmpty(), compared(baseCells, baseBy, cell.key(), d.comparison()), previous.get(values));
                if (r != null) {
                    cells.put(values, r);
                }
            }
            out.put(by, cells);
        }
        return new ReleasedIndicator(d.id(), out);
    }

    /** One ratio or difference: its two compared base cells decide whether it is withheld, carried (or left out) or live. */
    private static Released derivedCell(Indicator d, Cell cell, boolean national, List<Released> compared, Released previous) {
        Map<String, String> key = national ? null : cell.key();
        if (compared.stream().anyMatch(r -> r == null || r.withheld())) {
            return new Released(Rounding.withheld(key), null, false);
        }
        if (compared.stream().anyMatch(Released::carried)) {
            return previous == null ? null : previous.carriedOver();
        }
        return new Released(Rounding.cell(cell, d.unit(), !national), null, false);
    }

    private static List<Released> compared(Map<List<String>, Released> baseCells, List<String> baseBy, Map<String, String> key,
            Indicator.Comparison c) {
        List<Released> pair = new ArrayList<>();
        pair.add(baseCells.get(compared(baseBy, key, c.dimension(), c.first())));
        pair.add(baseCells.get(compared(baseBy, key, c.dimension(), c.second())));
        return pair;
    }

    private static List<String> compared(List<String> baseBy, Map<String, String> key, String dimension, String side) {
        if (baseBy == null) {
            return List.of();
        }
        Map<String, String> full = new LinkedHashMap<>(key);
        full.put(dimension, side);
        return baseBy.stream().map(full::get).toList();
    }
}
