package org.tonle.releases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Stats;

/**
 * Complementary suppression over a set of tables, one per breakdown of the same people (an
 * indicator's, or a denominator's), each breakdown's parent table in the set: the rules of
 * {@link Disclosure}, applied to a pattern that may come from several tables at once. Until
 * nothing changes:
 * <ul>
 *   <li>a slice (the cells adding up to one cell of the parent table) with one withheld cell gets a second, the smallest;</li>
 *   <li>so does a slice whose withheld cells add up to a sensitive total;</li>
 *   <li>a slice whose parent cell is withheld withholds at least one of its cells.</li>
 * </ul>
 */
final class Complements {

    private Complements() {
    }

    /** @param pattern breakdown to withheld cells; completed in place */
    static void close(Map<List<String>, Map<List<String>, Stats>> stats, Map<List<String>, Set<List<String>>> pattern,
            Function<List<String>, Disclosure.Rules> rules) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<List<String>, Map<List<String>, Stats>> table : stats.entrySet()) {
                changed |= complete(table.getKey(), table.getValue(), pattern, rules.apply(table.getKey()));
            }
        }
    }

    private static boolean complete(List<String> by, Map<List<String>, Stats> cells, Map<List<String>, Set<List<String>>> pattern,
            Disclosure.Rules rules) {
        Set<List<String>> withheld = pattern.get(by);
        boolean changed = false;
        for (int d = 0; d < by.size(); d++) {
            List<String> parentBy = new ArrayList<>(by);
            parentBy.remove(d);
            Set<List<String>> parents = pattern.getOrDefault(parentBy, Set.of());
            for (Map.Entry<List<String>, List<List<String>>> slice : slices(cells.keySet(), d).entrySet()) {
                if (complementNeeded(slice.getValue(), cells, withheld, rules, parents.contains(slice.getKey()))) {
                    slice.getValue().stream().filter(k -> !withheld.contains(k))
                            .min(Comparator.comparingLong((List<String> k) -> cells.get(k).n()).thenComparing(Object::toString))
                            .ifPresent(withheld::add);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static boolean complementNeeded(List<List<String>> slice, Map<List<String>, Stats> cells, Set<List<String>> withheld,
            Disclosure.Rules rules, boolean parentWithheld) {
        List<List<String>> hidden = slice.stream().filter(withheld::contains).toList();
        if (hidden.size() == slice.size()) {
            return false;
        }
        if (hidden.isEmpty()) {
            return parentWithheld;
        }
        if (hidden.size() == 1) {
            return true;
        }
        Stats sum = Stats.EMPTY;
        for (List<String> k : hidden) {
            sum = sum.plus(cells.get(k));
        }
        return Disclosure.primary(sum, rules) != null;
    }

    /** Cells grouped by their key without dimension {@code d}: each group adds up to one parent cell. */
    private static Map<List<String>, List<List<String>>> slices(Set<List<String>> cells, int d) {
        Map<List<String>, List<List<String>>> slices = new LinkedHashMap<>();
        for (List<String> key : cells) {
            List<String> rest = new ArrayList<>(key);
            rest.remove(d);
            slices.computeIfAbsent(rest, r -> new ArrayList<>()).add(key);
        }
        return slices;
    }
}
