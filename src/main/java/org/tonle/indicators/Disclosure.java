package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Statistical disclosure control for one table of cells (questionnaires.md §6).
 *
 * <p>Primary: a cell with unweighted denominator n, or Kish's effective size, below {@code minN}
 * is suppressed; so is one where
 * the count of respondents with, or without, the attribute is between 1 and k−1. Secondary: cells
 * that add up to a published total (a slice along one dimension; its parent is the national
 * figure or the matching cell of the one-dimension table) must never leave a suppressed cell
 * recoverable by subtraction. So within a slice, a lone suppressed cell gets a complementary one
 * (the smallest), suppressed cells whose sum is itself sensitive get another, and a slice whose
 * parent is suppressed cannot be published whole. This repeats until nothing changes.
 */
public final class Disclosure {

    public enum Reason {
        SMALL_DENOMINATOR, SMALL_EFFECTIVE_N, SMALL_COUNT, COMPLEMENTARY, IMPRECISE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The thresholds of one table. */
    public record Rules(int minN, int k, boolean countRule) {
        public static Rules of(Indicator indicator, List<String> by) {
            int k = indicator.threshold();
            if (by.contains("disability") && by.contains("province")) {
                k = Math.max(k, 10);
            }
            return new Rules(25, k, indicator.kind() == Indicator.Kind.PROPORTION);
        }
    }

    /** Whether the parent total of a slice is suppressed: {@code dimension} varies, {@code fixed} is the rest of the key. */
    public interface Parents {
        boolean suppressed(int dimension, List<String> fixed);
    }

    private Disclosure() {
    }

    public static Reason primary(Stats s, Rules rules) {
        if (s.n() < rules.minN()) {
            return Reason.SMALL_DENOMINATOR;
        }
        if (s.w() * s.w() / s.w2() < rules.minN()) {
            return Reason.SMALL_EFFECTIVE_N;
        }
        if (rules.countRule() && (sensitiveCount(s.sy(), rules.k()) || sensitiveCount(s.without(), rules.k()))) {
            return Reason.SMALL_COUNT;
        }
        return null;
    }

    /** The suppressed cells of a table of {@code dimensions} dimensions, with why. */
    public static Map<List<String>, Reason> suppress(int dimensions, Map<List<String>, Stats> cells, Rules rules,
            Parents parents) {
        Map<List<String>, Reason> suppressed = new LinkedHashMap<>();
        cells.forEach((key, stats) -> {
            Reason reason = primary(stats, rules);
            if (reason != null) {
                suppressed.put(key, reason);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < dimensions; d++) {
                for (Map.Entry<List<String>, List<List<String>>> slice : slices(cells, d).entrySet()) {
                    if (complementNeeded(slice.getValue(), cells, suppressed, rules, parents.suppressed(d, slice.getKey()))) {
                        List<String> smallest = slice.getValue().stream().filter(k -> !suppressed.containsKey(k))
                                .min(Comparator.comparingLong((List<String> k) -> cells.get(k).n()).thenComparing(Object::toString))
                                .orElseThrow();
                        suppressed.put(smallest, Reason.COMPLEMENTARY);
                        changed = true;
                    }
                }
            }
        }
        return suppressed;
    }

    private static boolean complementNeeded(List<List<String>> slice, Map<List<String>, Stats> cells,
            Map<List<String>, Reason> suppressed, Rules rules, boolean parentSuppressed) {
        List<List<String>> hidden = slice.stream().filter(suppressed::containsKey).toList();
        if (hidden.size() == slice.size()) {
            return false;
        }
        if (hidden.isEmpty()) {
            return parentSuppressed;
        }
        if (hidden.size() == 1) {
            return true;
        }
        Stats sum = Stats.EMPTY;
        for (List<String> k : hidden) {
            sum = sum.plus(cells.get(k));
        }
        return primary(sum, rules) != null;
    }

    /** Cells grouped by their key without dimension {@code d}: each group adds up to one parent cell. */
    private static Map<List<String>, List<List<String>>> slices(Map<List<String>, Stats> cells, int d) {
        Map<List<String>, List<List<String>>> slices = new LinkedHashMap<>();
        for (List<String> key : cells.keySet()) {
            List<String> rest = new ArrayList<>(key);
            rest.remove(d);
            slices.computeIfAbsent(rest, r -> new ArrayList<>()).add(key);
        }
        return slices;
    }

    private static boolean sensitiveCount(double count, int k) {
        return count > 0 && count < k;
    }
}
