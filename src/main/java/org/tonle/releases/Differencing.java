package org.tonle.releases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.indicators.Stats;

/**
 * Keeps two releases from telling apart fewer than k respondents. Read before and after one new
 * respondent, a table gives that respondent's answer (the change of value × weightedN over the change
 * of weightedN) and, from the cells that moved, their province, sex and age group.
 *
 * <p>So a cell whose respondents changed by 1..k−1 since the previous release keeps the previous
 * release's cell (its value, or its being withheld, or its absence) until the change reaches k, and
 * the release is suppressed as if the cell still held its previous respondents: a cell that turned
 * sensitive must not show it by the complements it would need. The
 * change is counted from the cell's basis, the statistics its published values came from: the most
 * of the changes in respondents, in those with the attribute and in those without (a correction
 * that changes an answer but not the count counts as one).
 *
 * <p>Carrying a cell must not make its parent a window on it: a parent published anew, less the
 * children published anew, is the carried children's change. So a parent whose carried children
 * in any slice changed by 1..k−1 in all is carried too, and so on up, until nothing changes.
 */
final class Differencing {

    private Differencing() {
    }

    /** How many respondents a cell changed by since its basis (a cell that appeared: all of them). */
    static long change(Stats now, Stats basis, boolean proportion) {
        Stats before = basis == null ? Stats.EMPTY : basis;
        Stats after = now == null ? Stats.EMPTY : now;
        long d = Math.abs(after.n() - before.n());
        if (proportion) {
            d = Math.max(d, Math.round(Math.abs(after.sy() - before.sy())));
            d = Math.max(d, Math.round(Math.abs(after.without() - before.without())));
        }
        return d == 0 && !after.equals(before) ? 1 : d;
    }

    /**
     * One indicator's tables: which cells this release carries over from the previous one.
     *
     * @param current breakdown to cell values to the statistics now
     * @param previous breakdown to cell values to the basis of the previous release's cell
     */
    static Map<List<String>, Set<List<String>>> carried(Map<List<String>, Map<List<String>, Stats>> current,
            Map<List<String>, Map<List<String>, Stats>> previous, int k, boolean proportion) {
        Map<List<String>, Map<List<String>, Long>> changes = new LinkedHashMap<>();
        Map<List<String>, Set<List<String>>> carried = new LinkedHashMap<>();
        current.forEach((by, cells) -> {
            Map<List<String>, Stats> before = previous.getOrDefault(by, Map.of());
            Map<List<String>, Long> change = new LinkedHashMap<>();
            Set<List<String>> keys = new HashSet<>(cells.keySet());
            keys.addAll(before.keySet());
            Set<List<String>> small = new HashSet<>();
            for (List<String> values : keys) {
                long d = change(cells.get(values), before.get(values), proportion);
                change.put(values, d);
                if (d > 0 && d < k) {
                    small.add(values);
                }
            }
            changes.put(by, change);
            carried.put(by, small);
        });
        while (carryParents(changes, carried, k)) {
            // until no parent is left a window on its carried children
        }
        return carried;
    }

    /** Carries every parent whose carried children in some slice changed by 1..k−1 in all; whether any was carried. */
    private static boolean carryParents(Map<List<String>, Map<List<String>, Long>> changes, Map<List<String>, Set<List<String>>> carried, int k) {
        boolean changed = false;
        for (List<String> by : changes.keySet()) {
            for (int d = 0; d < by.size(); d++) {
                List<String> parentBy = new ArrayList<>(by);
                parentBy.remove(d);
                Set<List<String>> parents = carried.get(parentBy);
                Map<List<String>, Long> parentChanges = changes.get(parentBy);
                if (parents == null || parentChanges == null) {
                    continue;
                }
                for (Map.Entry<List<String>, Long> sum : carriedBySlice(changes.get(by), carried.get(by), d).entrySet()) {
                    List<String> parent = sum.getKey();
                    if (sum.getValue() > 0 && sum.getValue() < k && !parents.contains(parent)
                            && parentChanges.getOrDefault(parent, 0L) > 0) {
                        parents.add(parent);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** For each slice along {@code d} (keyed by its parent cell), the summed change of its carried cells. */
    private static Map<List<String>, Long> carriedBySlice(Map<List<String>, Long> changes, Set<List<String>> carried, int d) {
        Map<List<String>, Long> sums = new LinkedHashMap<>();
        changes.forEach((values, change) -> {
            List<String> parent = new ArrayList<>(values);
            parent.remove(d);
            sums.merge(parent, carried.contains(values) ? change : 0L, Long::sum);
        });
        return sums;
    }

}
