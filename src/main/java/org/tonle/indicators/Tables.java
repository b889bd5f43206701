package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Names of aggregate tables and their cells. A table holds one indicator broken down by a list of
 * dimensions (the national table by none); a cell key is the dimension values joined with '|'.
 */
public final class Tables {

    public static final String NATIONAL_CELL = "*";
    private static final String DESIGN_PREFIX = "~design.";
    private static final String PSU_SUFFIX = "@psu";
    private static final String HOUSEHOLD_SUFFIX = "@hh";

    private Tables() {
    }

    public static String id(String indicatorId, List<String> by) {
        return indicatorId + "|" + String.join(",", by);
    }

    /**
     * The design table of a form: one cell per stratum and PSU ({@code "<stratum>|<psu>"}), counting
     * the form's respondents, whatever indicators they are in: the PSUs of each stratum that a
     * domain's variance must count, members or not.
     */
    public static String designId(String formId) {
        return DESIGN_PREFIX + formId + "|";
    }

    /**
     * A table's companion for a form with a declared design: each cell's statistics again, per
     * stratum and PSU ({@code "<cell>|<stratum>|<psu>"}), from which the design-based variance is computed.
     */
    public static String byPsu(String tableId) {
        return tableId + PSU_SUFFIX;
    }

    /**
     * The table of a household indicator: each interviewed member's statistics per
     * {@code "<cell>|<stratum>|<psu>|<household>"}, from which each household is counted once.
     */
    public static String byHousehold(String tableId) {
        return tableId + HOUSEHOLD_SUFFIX;
    }

    public static String cellKey(List<String> values) {
        return values.isEmpty() ? NATIONAL_CELL : String.join("|", values);
    }

    public static List<String> cellValues(String key) {
        return key.equals(NATIONAL_CELL) ? List.of() : Arrays.asList(key.split("\\|", -1));
    }

    /** A value can be part of a cell key (and of a MongoDB field path) as it is. */
    public static boolean usableValue(String value) {
        return !value.isEmpty() && value.indexOf('.') < 0 && value.indexOf('$') < 0 && value.indexOf('|') < 0
                && !value.equals(NATIONAL_CELL);
    }

    /** The declared disaggregation of {@code indicator} with exactly these dimensions, in its declared order. */
    public static List<String> declared(Indicator indicator, List<String> dims) {
        if (dims.isEmpty()) {
            return List.of();
        }
        for (List<String> by : indicator.disaggregations()) {
            if (by.size() == dims.size() && new HashSet<>(by).equals(new HashSet<>(dims))) {
                return by;
            }
        }
        return null;
    }

    /** {@code by} with {@code dimension} added, as the base indicator declares it. */
    static List<String> with(Indicator base, String dimension, List<String> by) {
        List<String> dims = new ArrayList<>(by);
        dims.add(dimension);
        return declared(base, dims);
    }
}
