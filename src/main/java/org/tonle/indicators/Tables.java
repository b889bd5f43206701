package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.tonle.calibration.Target;

/**
 * Names of aggregate tables and their cells. A table holds one indicator broken down by a list of
 * dimensions (the national table by none); a cell key is the dimension values joined with '|'.
 */
public final class Tables {

    public static final String NATIONAL_CELL = "*";
    private static final String DESIGN_PREFIX = "~design.";
    private static final String PSU_SUFFIX = "@psu";
    private static final String HOUSEHOLD_SUFFIX = "@hh";
    private static final String CALIBRATION_SUFFIX = "@cal";

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

    /**
     * An indicator's calibration table: each member's statistics per combination of the values of
     * {@code dimensions} (the calibration variables, then the indicator's other breakdown dimensions;
     * an unusable value as "") and stratum and PSU ({@code "<v1>|…|<vk>|<stratum>|<psu>"}, and
     * {@code "|<household>"} for a household indicator): every cell of every breakdown, by every class
     * of any target, is a sum of its entries. The dimensions are in the id, so a definition that
     * changes them starts a new table (filled by a recompute).
     */
    public static String calibration(String indicatorId, List<String> dimensions) {
        return indicatorId + "|" + String.join(",", dimensions) + CALIBRATION_SUFFIX;
    }

    /** The dimensions of an indicator's calibration table: the calibration variables, then its other breakdown dimensions. */
    static List<String> calibrationDimensions(Indicator indicator, boolean households) {
        List<String> dims = new ArrayList<>(households ? Target.HOUSEHOLD_VARIABLES : Target.PERSON_VARIABLES);
        indicator.disaggregations().forEach(by -> by.forEach(d -> {
            if (!dims.contains(d)) {
                dims.add(d);
            }
        }));
        return dims;
    }

    /**
     * A form's respondents per combination of the calibration variables ({@link Target#PERSON_VARIABLES})
     * and stratum and PSU, {@code "<province>|<area>|<sex>|<age_group>|<stratum>|<psu>"}, each counted
     * with its design weight (y = 0): the sample that person targets calibrate.
     */
    public static String calibrationSample(String formId) {
        return designId(formId) + CALIBRATION_SUFFIX;
    }

    /**
     * A form's respondents per household, {@code "<province>|<area>|<stratum>|<psu>|<household>"}: the
     * households that household targets calibrate (kept for forms with a household indicator).
     */
    public static String calibrationHouseholds(String formId) {
        return designId(formId) + CALIBRATION_SUFFIX + "hh";
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
