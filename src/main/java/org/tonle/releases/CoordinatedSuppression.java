package org.tonle.releases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Stats;

/**
 * Chooses the withheld cells of a release once for every linked table (see {@link LiveTable#family()}).
 *
 * <p>The live tables suppress one table at a time, so different indicators over the same people hide
 * different complementary cells, and a cell one table withholds is published by its neighbour: its
 * denominator exactly, or (phone owners within all adults) a bound on its numerator. Here every
 * linked table of one breakdown withholds the same cells: the union of what each withholds live
 * (a cell withheld only for imprecision excepted: it is not sensitive), closed under the
 * complementary rules, applied to every linked table at once, until nothing changes:
 * <ul>
 *   <li>a slice (the cells adding up to one cell of the parent table) with a single withheld cell gets a second;</li>
 *   <li>so does a slice whose withheld cells add up, in any linked table, to a sensitive total;</li>
 *   <li>a slice whose parent cell is withheld withholds at least one of its cells.</li>
 * </ul>
 * So no linked table publishes a part of a withheld cell that another withholds: what is known of
 * the withheld cells of one breakdown is only their sums, in each table, which the complementary
 * rules keep wide. Pure: plain Java, run on a worker.
 */
final class CoordinatedSuppression {

    private CoordinatedSuppression() {
    }

    /** The withheld cells of each (family, breakdown), keyed by {@link LiveTable#patternKey()}. */
    static Map<String, Set<List<String>>> patterns(List<LiveTable> tables) {
        Map<String, Set<List<String>>> patterns = new HashMap<>();
        for (LiveTable t : tables) {
            Set<List<String>> pattern = patterns.computeIfAbsent(t.patternKey(), k -> new HashSet<>());
            t.cells().forEach((values, cell) -> {
                if (sensitive(cell)) {
                    pattern.add(values);
                }
            });
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (LiveTable t : tables) {
                changed |= complete(t, patterns);
            }
        }
        return patterns;
    }

    /** Withheld for disclosure, not for imprecision alone. */
    static boolean sensitive(Cell cell) {
        return cell.suppressed() && cell.suppressedBecause() != Disclosure.Reason.IMPRECISE;
    }

    /** Adds to the pattern the complements one table needs; whether it added any. */
    private static boolean complete(LiveTable t, Map<String, Set<List<String>>> patterns) {
        Set<List<String>> pattern = patterns.get(t.patternKey());
        boolean changed = false;
        for (int d = 0; d < t.by().size(); d++) {
            for (Map.Entry<List<String>, List<List<String>>> slice : slices(t.stats().keySet(), d).entrySet()) {
                boolean parentWithheld = parentWithheld(t, d, slice.getKey(), patterns);
                if (complementNeeded(slice.getValue(), t, pattern, parentWithheld)) {
                    slice.getValue().stream().filter(k -> !pattern.contains(k))
                            .min(Comparator.comparingLong((List<String> k) -> t.stats().get(k).n()).thenComparing(Object::toString))
                            .ifPresent(pattern::add);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The parent of a slice along {@code d}: the national cell for a one-way table, the other dimension's cell for a two-way one. */
    private static boolean parentWithheld(LiveTable t, int d, List<String> fixed, Map<String, Set<List<String>>> patterns) {
        List<String> parentBy = new ArrayList<>(t.by());
        parentBy.remove(d);
        Set<List<String>> parent = patterns.get(LiveTable.patternKey(t.family(), parentBy));
        return parent != null && parent.contains(fixed);
    }

    private static boolean complementNeeded(List<List<String>> slice, LiveTable t, Set<List<String>> pattern, boolean parentWithheld) {
        List<List<String>> hidden = slice.stream().filter(pattern::contains).toList();
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
            sum = sum.plus(t.stats().get(k));
        }
        return Disclosure.primary(sum, t.rules()) != null;
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
