package org.tonle.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Known population totals that estimates can be calibrated to (a census table), as an admin uploaded
 * them: either one full cross-classification of some profile variables (post-stratification), or
 * several margins (raking, iterative proportional fitting), of persons or of households.
 *
 * @param margins for post-stratification exactly one, the cross-classification; for raking one per margin
 * @param source where the totals come from (free text, may be empty)
 */
public record Target(String name, Unit unit, Method method, List<Margin> margins, String source) {

    /** The profile variables a target may use, in the order the calibration tables key them. */
    public static final List<String> PERSON_VARIABLES = List.of("province", "area", "sex", "age_group");
    /** What the interviewed members of one household share: the variables a household target may use. */
    public static final List<String> HOUSEHOLD_VARIABLES = List.of("province", "area");

    public Target {
        margins = List.copyOf(margins);
    }

    /** Whom the totals count. */
    public enum Unit {
        PERSONS(PERSON_VARIABLES), HOUSEHOLDS(HOUSEHOLD_VARIABLES);

        private final List<String> variables;

        Unit(List<String> variables) {
            this.variables = variables;
        }

        /** The variables a target of this unit may use, in the calibration tables' order. */
        public List<String> variables() {
            return variables;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the weights are made to reproduce the totals. */
    public enum Method {
        /** R's {@code postStratify}: each cell of the cross-classification is scaled to its total. */
        POSTSTRATIFY,
        /** R's {@code rake}: iterative proportional fitting over the margins. */
        RAKE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One table of totals: its variables, and for each combination of their values (in that order) its total. */
    public record Margin(List<String> variables, Map<List<String>, Double> totals) {
        public Margin {
            variables = List.copyOf(variables);
            totals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(totals));
        }

        public double grandTotal() {
            return totals.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Every variable any margin uses, in the calibration tables' order. */
    public List<String> variables() {
        Set<String> used = new LinkedHashSet<>();
        margins.forEach(m -> used.addAll(m.variables()));
        List<String> ordered = new ArrayList<>();
        unit.variables().forEach(v -> {
            if (used.contains(v)) {
                ordered.add(v);
            }
        });
        return ordered;
    }

    /** The shape the API takes and gives back (without who changed it when). */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("name", name).put("unit", unit.code()).put("method", method.code());
        if (!source.isEmpty()) {
            json.put("source", source);
        }
        if (method == Method.POSTSTRATIFY) {
            Margin m = margins.get(0);
            json.put("variables", new JsonArray(new ArrayList<>(m.variables()))).put("cells", cells(m));
        } else {
            JsonArray list = new JsonArray();
            margins.forEach(m -> list.add(new JsonObject().put("variables", new JsonArray(new ArrayList<>(m.variables())))
                    .put("cells", cells(m))));
            json.put("margins", list);
        }
        return json;
    }

    private static JsonArray cells(Margin m) {
        JsonArray cells = new JsonArray();
        m.totals().forEach((values, total) -> {
            JsonObject cell = new JsonObject();
            for (int i = 0; i < values.size(); i++) {
                cell.put(m.variables().get(i), values.get(i));
            }
            cells.add(cell.put("total", total));
        });
        return cells;
    }
}
