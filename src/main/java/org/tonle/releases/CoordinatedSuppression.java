package org.tonle.releases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.Stats;

/**
 * Chooses the withheld cells of a release for all tables at once. The live tables suppress one
 * table at a time, and tables over the same respondents give each other away:
 * <ul>
 *   <li><b>The same denominator.</b> Indicators over the same people (all adults) publish each
 *   other's group sizes; when they hide different complements, the difference of two tables is a
 *   withheld group's exact size (Kep, 15 respondents). So the cells withheld for their size (fewer
 *   than 25 respondents, or an effective sample under 25) and their complements are chosen once
 *   per denominator, from the sizes alone, and withheld in every table over it.</li>
 *   <li><b>Nested populations.</b> A table whose people are within another indicator's numerator
 *   (phone owners asked about Khmer script, within mobile owners) bounds that numerator: Pailin's
 *   38 owners who answered bound its withheld mobile ownership at ≥ 93.6%, its true value. So such
 *   a table withholds every cell the other indicator withholds.</li>
 *   <li><b>A dimension that is an indicator.</b> A table broken down by disability counts, in its
 *   disability cells, the disability prevalence's numerator: where that indicator withholds a
 *   group, the table withholds the group's disability cells.</li>
 * </ul>
 * Each indicator's tables are closed under the complementary rules ({@link Complements}) across
 * their breakdowns, before the links are followed (so a linked table withholds the other's
 * complements too) and after. Numerators that share only a denominator (Internet use and programming) are not
 * linked: knowing every group's size exactly still leaves a withheld count at least k wide, since
 * its complement has k or more with and without the attribute. CrossTableAttackTest checks all of
 * this with a linear-programming attacker. Pure: run on a worker.
 */
final class CoordinatedSuppression {

    private CoordinatedSuppression() {
    }

    /** The withheld cells of each table, by {@link LiveTable#id()}. */
    static Map<String, Set<List<String>>> withheld(List<LiveTable> tables) {
        Map<String, Map<List<String>, Set<List<String>>>> bySize = bySize(tables);
        Map<String, Set<List<String>>> own = new LinkedHashMap<>();
        tables.forEach(t -> {
            Set<List<String>> cells = primary(t);
            cells.addAll(bySize.get(t.populationKey()).getOrDefault(t.by(), Set.of()));
            own.put(t.id(), cells);
        });
        Map<String, Set<List<String>>> closed = close(tables, own);
        Map<String, Set<List<String>>> linked = new LinkedHashMap<>();
        tables.forEach(t -> {
            Set<List<String>> cells = new HashSet<>(closed.get(t.id()));
            cells.addAll(imported(t, tables, closed));
            linked.put(t.id(), cells);
        });
        return close(tables, linked);
    }

    /** Each indicator's tables closed under the complementary rules, across its breakdowns. */
    private static Map<String, Set<List<String>>> close(List<LiveTable> tables, Map<String, Set<List<String>>> start) {
        Map<Indicator, List<LiveTable>> byIndicator = new LinkedHashMap<>();
        tables.forEach(t -> byIndicator.computeIfAbsent(t.indicator(), i -> new ArrayList<>()).add(t));
        Map<String, Set<List<String>>> out = new LinkedHashMap<>();
        byIndicator.forEach((indicator, own) -> {
            Map<List<String>, Map<List<String>, Stats>> stats = new LinkedHashMap<>();
            Map<List<String>, Set<List<String>>> pattern = new LinkedHashMap<>();
            for (LiveTable t : own) {
                stats.put(t.by(), t.stats());
                pattern.put(t.by(), new HashSet<>(start.get(t.id())));
            }
            Complements.close(stats, pattern, by -> Disclosure.Rules.of(indicator, by));
            own.forEach(t -> out.put(t.id(), pattern.get(t.by())));
        });
        return out;
    }

    /** The cells sensitive in themselves: too few respondents, too small an effective sample, or 1..k−1 with or without. */
    private static Set<List<String>> primary(LiveTable t) {
        Set<List<String>> cells = new HashSet<>();
        t.stats().forEach((values, s) -> {
            if (Disclosure.primary(s, t.rules()) != null) {
                cells.add(values);
            }
        });
        return cells;
    }

    /** Per denominator, the cells withheld for their size and their complements, chosen from the sizes alone. */
    private static Map<String, Map<List<String>, Set<List<String>>>> bySize(List<LiveTable> tables) {
        Map<String, Map<List<String>, Map<List<String>, Stats>>> sizes = new LinkedHashMap<>();
        Map<String, Integer> ks = new LinkedHashMap<>();
        for (LiveTable t : tables) {
            sizes.computeIfAbsent(t.populationKey(), p -> new LinkedHashMap<>()).putIfAbsent(t.by(), t.stats());
            ks.merge(t.populationKey(), t.rules().k(), Math::max);
        }
        Map<String, Map<List<String>, Set<List<String>>>> out = new LinkedHashMap<>();
        sizes.forEach((population, stats) -> {
            Disclosure.Rules rules = new Disclosure.Rules(25, ks.get(population), false);
            Map<List<String>, Set<List<String>>> pattern = new LinkedHashMap<>();
            stats.forEach((by, cells) -> {
                Set<List<String>> small = new HashSet<>();
                cells.forEach((values, s) -> {
                    if (Disclosure.primary(s, rules) != null) {
                        small.add(values);
                    }
                });
                pattern.put(by, small);
            });
            Complements.close(stats, pattern, by -> rules);
            out.put(population, pattern);
        });
        return out;
    }

    /** What a table must withhold because of other indicators' withheld cells (nested populations, a measured dimension). */
    private static Set<List<String>> imported(LiveTable t, List<LiveTable> tables, Map<String, Set<List<String>>> withheld) {
        Set<List<String>> cells = new HashSet<>();
        for (LiveTable other : tables) {
            if (!other.family().equals(t.family()) || other.indicator() == t.indicator()) {
                continue;
            }
            if (other.by().equals(t.by()) && Populations.withinNumerator(t.indicator(), other.indicator())) {
                cells.addAll(withheld.get(other.id()));
            }
            String[] measured = Populations.measuredDimension(other.indicator());
            if (measured != null && t.by().contains(measured[0]) && other.by().equals(without(t.by(), measured[0]))) {
                int at = t.by().indexOf(measured[0]);
                t.stats().keySet().forEach(values -> {
                    if (withheld.get(other.id()).contains(without(values, at))) {
                        cells.add(values);
                    }
                });
            }
        }
        return cells;
    }

    private static List<String> without(List<String> list, String dimension) {
        List<String> rest = new ArrayList<>(list);
        rest.remove(dimension);
        return rest;
    }

    private static List<String> without(List<String> values, int at) {
        List<String> rest = new ArrayList<>(values);
        rest.remove(at);
        return rest;
    }
}
