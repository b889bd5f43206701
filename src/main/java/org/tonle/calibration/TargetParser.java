package org.tonle.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tonle.forms.Text;
import org.tonle.i18n.Khmer;
import org.tonle.submissions.FieldProblem;

/**
 * Reads and checks an uploaded target ({@code PUT /api/v1/calibration/{name}}): every problem is
 * reported at once, at its place in the body ({@code cells[3].province}), in English and Khmer.
 * Pure: the values each variable may take are handed in (the profile's choices).
 */
public final class TargetParser {

    /** Names are short and safe in an address: lower-case letters, digits, '-' and '_'. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** What {@code ?weights=} names the design weights by: no target may take the name. */
    public static final String DESIGN = "design";
    /** Margins of a raking target must count the same population: their grand totals may differ by this share at most. */
    public static final double MARGIN_TOLERANCE = 1e-3;
    /** More people than any country has: a larger total is a typing mistake. */
    public static final double MAX_TOTAL = 1e10;
    private static final int MAX_SOURCE = 500;
    private static final int MAX_MARGINS = 10;

    /** The values each variable may take; null for a stored target, whose values were checked when it was uploaded. */
    private final Map<String, Set<String>> allowed;
    private final List<FieldProblem> problems = new ArrayList<>();

    private TargetParser(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    /** Thrown with every problem of a body that cannot be a target. */
    public static final class Invalid extends RuntimeException {
        private final transient List<FieldProblem> problems;

        Invalid(List<FieldProblem> problems) {
            super("calibration target invalid", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /**
     * The target named {@code name} that {@code body} describes; {@code allowed} holds, for each
     * variable a target may use, the values it may take.
     */
    public static Target parse(String name, JsonObject body, Map<String, Set<String>> allowed) {
        return new TargetParser(allowed).read(name, body);
    }

    /** A target as it was stored: checked when it was uploaded, its values taken as they are. */
    public static Target stored(String name, JsonObject body) {
        return new TargetParser(null).read(name, body);
    }

    private Target read(String name, JsonObject body) {
        if (!NAME.matcher(name).matches() || name.equals(DESIGN)) {
            problem("name", "format", "A target's name is 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit, "
                    + "and not 'design' (the design weights' name).",
                    "ឈ្មោះគោលដៅមានពី ១ ដល់ ៦៤ តួ ជាអក្សរតូច លេខ '-' ឬ '_' ហើយចាប់ផ្ដើមដោយអក្សរ ឬលេខ និងមិនមែន 'design' (ឈ្មោះនៃទម្ងន់គំរូ) ទេ។");
        }
        for (String key : body.fieldNames()) {
            if (!Set.of("unit", "source", "variables", "cells", "margins", "name", "method", "updatedBy", "updatedAt").contains(key)) {
                problem(key, "unknown_field", "'" + key + "' is not part of a calibration target (unit, source, variables and cells, or margins).",
                        "'" + key + "' មិនមែនជាផ្នែកនៃគោលដៅក្រិតតាមខ្នាតទេ (unit, source, variables និង cells ឬ margins)។");
            }
        }
        // what GET gives back may be sent again: its name and method must agree, who and when are the server's
        if (body.containsKey("name") && !name.equals(body.getValue("name"))) {
            problem("name", "conflict", "'name' differs from the name in the address ('" + name + "').",
                    "'name' ខុសពីឈ្មោះក្នុងអាសយដ្ឋាន ('" + name + "')។");
        }
        Target.Unit unit = unit(body.getValue("unit"));
        String source = source(body.getValue("source"));
        boolean crossClass = body.containsKey("cells") || body.containsKey("variables");
        boolean margins = body.containsKey("margins");
        List<Target.Margin> read = new ArrayList<>();
        if (crossClass == margins) {
            problem("", "shape", "Give either 'variables' and 'cells' (a full cross-classification, for post-stratification) or 'margins' (for raking), not both.",
                    "សូមផ្ដល់ 'variables' និង 'cells' (ការចាត់ថ្នាក់ឆ្លងពេញលេញ សម្រាប់ post-stratification) ឬ 'margins' (សម្រាប់ raking) មិនមែនទាំងពីរទេ។");
        } else if (crossClass) {
            read.add(margin("", body, unit));
        } else {
            read.addAll(margins(body.getValue("margins"), unit));
        }
        Target.Method method = crossClass ? Target.Method.POSTSTRATIFY : Target.Method.RAKE;
        Object stated = body.getValue("method");
        if (stated != null && crossClass != margins && !method.code().equals(stated)) {
            problem("method", "conflict", "'method' is worked out from the shape: 'cells' are post-stratified ('poststratify'), 'margins' "
                    + "raked ('rake').", "'method' ត្រូវបានកំណត់ដោយទម្រង់៖ 'cells' គឺ post-stratification ('poststratify') ឯ 'margins' គឺ raking ('rake')។");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Target(name, unit == null ? Target.Unit.PERSONS : unit, method, read, source);
    }

    private Target.Unit unit(Object value) {
        if (value == null || "persons".equals(value)) {
            return Target.Unit.PERSONS;
        }
        if ("households".equals(value)) {
            return Target.Unit.HOUSEHOLDS;
        }
        problem("unit", "choice", "'unit' is 'persons' (the default) or 'households'.", "'unit' គឺ 'persons' (លំនាំដើម) ឬ 'households'។");
        return null;
    }

    private String source(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s && s.length() <= MAX_SOURCE && org.tonle.forms.CleanText.isClean(s)) {
            return s.strip();
        }
        problem("source", "format", "'source' is text of at most " + MAX_SOURCE + " characters.",
                "'source' ជាអត្ថបទដែលមានយ៉ាងច្រើន " + Khmer.digits(Integer.toString(MAX_SOURCE)) + " តួអក្សរ។");
        return "";
    }

    private List<Target.Margin> margins(Object value, Target.Unit unit) {
        List<Target.Margin> margins = new ArrayList<>();
        if (!(value instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_MARGINS) {
            problem("margins", "type", "'margins' is a list of 1 to " + MAX_MARGINS + " margins, each {\"variables\": […], \"cells\": […]}.",
                    "'margins' ជាបញ្ជីនៃ margin ពី ១ ដល់ " + Khmer.digits(Integer.toString(MAX_MARGINS)) + " ដែលនីមួយៗជា {\"variables\": […], \"cells\": […]}។");
            return margins;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "margins[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject m)) {
                problem(at, "type", "Each margin is {\"variables\": […], \"cells\": […]}.", "margin នីមួយៗជា {\"variables\": […], \"cells\": […]}។");
                continue;
            }
            for (String key : m.fieldNames()) {
                if (!key.equals("variables") && !key.equals("cells")) {
                    problem(at + "." + key, "unknown_field", "'" + key + "' is not part of a margin (variables, cells).",
                            "'" + key + "' មិនមែនជាផ្នែកនៃ margin ទេ (variables, cells)។");
                }
            }
            Target.Margin margin = margin(at + ".", m, unit);
            if (margin != null) {
                margins.add(margin);
            }
        }
        if (margins.size() == list.size() && problems.isEmpty()) {
            double first = margins.get(0).grandTotal();
            for (int i = 1; i < margins.size(); i++) {
                double other = margins.get(i).grandTotal();
                if (Math.abs(other - first) > MARGIN_TOLERANCE * Math.max(first, other)) {
                    problem("margins[" + i + "]", "margins_disagree", "This margin adds up to " + number(other) + ", the first to "
                            + number(first) + ": margins must count the same population (to within 0.1%).",
                            "margin នេះបូកបានសរុប " + Khmer.number(number(other)) + " ឯ margin ទីមួយបាន " + Khmer.number(number(first))
                                    + "៖ margin ទាំងអស់ត្រូវរាប់ប្រជាជនដូចគ្នា (ខុសគ្នាមិនលើស ០,១%)។");
                }
            }
        }
        return margins;
    }

    /** One table of totals at {@code at} ("" or "margins[i]."): its variables and its cells. */
    private Target.Margin margin(String at, JsonObject json, Target.Unit unit) {
        List<String> variables = variables(at + "variables", json.getValue("variables"), unit);
        Object rawCells = json.getValue("cells");
        if (!(rawCells instanceof JsonArray cells) || cells.isEmpty()) {
            problem(at + "cells", rawCells instanceof JsonArray ? "empty" : "type",
                    "'cells' is a non-empty list of {\"<variable>\": \"<value>\", …, \"total\": <number>}.",
                    "'cells' ជាបញ្ជីមិនទទេនៃ {\"<variable>\": \"<value>\", …, \"total\": <ចំនួន>}។");
            return null;
        }
        if (variables == null) {
            return null;
        }
        Map<List<String>, Double> totals = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String cellAt = at + "cells[" + i + "]";
            if (!(cells.getValue(i) instanceof JsonObject cell)) {
                problem(cellAt, "type", "Each cell is {\"<variable>\": \"<value>\", …, \"total\": <number>}.",
                        "ក្រឡានីមួយៗជា {\"<variable>\": \"<value>\", …, \"total\": <ចំនួន>}។");
                continue;
            }
            List<String> values = values(cellAt, cell, variables);
            Double total = total(cellAt + ".total", cell.getValue("total"));
            if (values != null && total != null && totals.put(values, total) != null) {
                problem(cellAt, "duplicate", "This combination of values is given twice: " + String.join(", ", values) + ".",
                        "បន្សំតម្លៃនេះត្រូវបានផ្ដល់ពីរដង៖ " + String.join(", ", values) + "។");
            }
        }
        return new Target.Margin(variables, totals);
    }

    private List<String> variables(String at, Object value, Target.Unit unit) {
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            problem(at, "type", "'variables' is a non-empty list of profile variables: " + String.join(", ", names(unit)) + ".",
                    "'variables' ជាបញ្ជីមិនទទេនៃអថេរប្រវត្តិរូប៖ " + String.join(", ", names(unit)) + "។");
            return null;
        }
        List<String> variables = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Object v = list.getValue(i);
            if (!(v instanceof String name) || !names(unit).contains(name)) {
                problem(at + "[" + i + "]", "unknown_variable", "'" + v + "' cannot be calibrated to: a " + (unit == null ? "persons"
                        : unit.code()) + " target may use " + String.join(", ", names(unit)) + ".",
                        "មិនអាចក្រិតតាម '" + v + "' បានទេ៖ គោលដៅ " + (unit == null ? "persons" : unit.code()) + " អាចប្រើ "
                                + String.join(", ", names(unit)) + "។");
                ok = false;
            } else if (variables.contains(name)) {
                problem(at + "[" + i + "]", "duplicate_variable", "'" + name + "' is listed twice.", "'" + name + "' ត្រូវបានរាយពីរដង។");
                ok = false;
            } else {
                variables.add(name);
            }
        }
        return ok ? variables : null;
    }

    private static List<String> names(Target.Unit unit) {
        return (unit == null ? Target.Unit.PERSONS : unit).variables();
    }

    /** The cell's value of each variable, in the margin's order; null (and problems) when any is missing or not allowed. */
    private List<String> values(String at, JsonObject cell, List<String> variables) {
        List<String> values = new ArrayList<>();
        Set<String> listed = new HashSet<>(variables);
        for (String key : cell.fieldNames()) {
            if (!key.equals("total") && !listed.contains(key)) {
                problem(at + "." + key, "unknown_field", "'" + key + "' is not one of this table's variables (" + String.join(", ", variables)
                        + ").", "'" + key + "' មិនមែនជាអថេរមួយនៃតារាងនេះទេ (" + String.join(", ", variables) + ")។");
            }
        }
        boolean ok = true;
        for (String variable : variables) {
            Object v = cell.getValue(variable);
            Set<String> choices = allowed == null ? null : allowed.getOrDefault(variable, Set.of());
            if (v == null) {
                problem(at + "." + variable, "required", "Each cell gives a value of '" + variable + "'.",
                        "ក្រឡានីមួយៗត្រូវផ្ដល់តម្លៃនៃ '" + variable + "'។");
                ok = false;
            } else if (!(v instanceof String s) || (choices != null && !choices.contains(s))) {
                String known = choices == null ? "text" : String.join(", ", new java.util.TreeSet<>(choices));
                problem(at + "." + variable, "choice", "'" + v + "' is not a value of '" + variable + "' (" + known + ").",
                        "'" + v + "' មិនមែនជាតម្លៃនៃ '" + variable + "' ទេ (" + known + ")។");
                ok = false;
            } else {
                values.add(s);
            }
        }
        return ok ? values : null;
    }

    private Double total(String at, Object value) {
        if (!(value instanceof Number n)) {
            problem(at, value == null ? "required" : "type", "Each cell gives its 'total', a number of people (or households).",
                    "ក្រឡានីមួយៗត្រូវផ្ដល់ 'total' ជាចំនួនមនុស្ស (ឬគ្រួសារ)។");
            return null;
        }
        double total = n.doubleValue();
        if (total == 0) {
            problem(at, "empty", "A total of 0 is an empty cell: leave the cell out.", "ចំនួនសរុប ០ គឺជាក្រឡាទទេ៖ សូមលុបក្រឡានេះចេញ។");
            return null;
        }
        if (!Double.isFinite(total) || total < 0 || total > MAX_TOTAL) {
            problem(at, "range", "A total is a number greater than 0 and at most 10,000,000,000.",
                    "ចំនួនសរុបជាចំនួនធំជាង ០ និងមិនលើស ១០ ០០០ ០០០ ០០០។");
            return null;
        }
        return total;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void problem(String field, String code, String en, String km) {
        problems.add(new FieldProblem(field, code, Text.of(en, km)));
    }
}
