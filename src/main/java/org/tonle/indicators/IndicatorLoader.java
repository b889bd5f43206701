package org.tonle.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tonle.expr.Expression;
import org.tonle.expr.ExpressionException;
import org.tonle.forms.Form;
import org.tonle.forms.FormDefinitionException;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;
import org.tonle.forms.Text;

/**
 * Reads the {@code indicators:} sections of the form files. An indicator in a fragment (the profile)
 * applies to every form that includes it. Everything is checked against the forms; any problem
 * stops the start, naming file, indicator and reason.
 */
public final class IndicatorLoader {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> CATEGORIES = Set.of("R", "O", "A", "M", "X");
    private static final Set<String> HOUSEHOLD_DIMENSIONS = Set.of("province", "area");
    private static final Set<String> KEYS = Set.of("per", "id", "title", "category", "theme", "source", "unit", "kind",
            "universe", "universe_label", "denominator", "numerator", "value", "factor", "disaggregations", "threshold",
            "of", "dimension", "first", "second");

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Form> forms;
    private final Map<String, SampleDesign> designs = new LinkedHashMap<>();

    private IndicatorLoader(Map<String, Form> forms) {
        this.forms = forms;
    }

    public static IndicatorCatalog load(Map<String, String> files, Map<String, Form> forms) {
        return new IndicatorLoader(forms).loadAll(files);
    }

    private IndicatorCatalog loadAll(Map<String, String> files) {
        YAMLMapper yaml = new YAMLMapper();
        loadDesigns(files, yaml);
        Map<String, Indicator> byId = new LinkedHashMap<>();
        List<Runnable> derived = new ArrayList<>();
        files.forEach((file, text) -> {
            JsonNode doc;
            try {
                doc = yaml.readTree(text);
            } catch (Exception e) {
                return; // the form loader has reported it
            }
            String stem = file.replaceFirst("\\.yaml$", "");
            Set<String> applies = new TreeSet<>();
            boolean fragment = doc.path("fragment").asBoolean(false);
            if (fragment) {
                forms.values().stream().filter(f -> f.includes().contains(stem)).forEach(f -> applies.add(f.id()));
            } else if (forms.containsKey(stem)) {
                applies.add(stem);
            }
            JsonNode list = doc.get("indicators");
            if (list == null) {
                return;
            }
            if (applies.isEmpty()) {
                problems.add(file + ": has indicators but no form uses this file");
                return;
            }
            if (fragment) {
                problems.add(file + ": a fragment cannot declare indicators: an estimate comes from one questionnaire's sample, "
                        + "so declare them in each form that includes it");
                return;
            }
            for (JsonNode node : list) {
                String where = file + ": indicator '" + node.path("id").asText("") + "'";
                if (!node.has("of")) {
                    Indicator indicator = direct(where, node, applies);
                    if (indicator != null && byId.putIfAbsent(indicator.id(), indicator) != null) {
                        problems.add(where + ": the id is used twice");
                    }
                } else {
                    derived.add(() -> {
                        Indicator indicator = derived(where, node, byId);
                        if (indicator != null && byId.putIfAbsent(indicator.id(), indicator) != null) {
                            problems.add(where + ": the id is used twice");
                        }
                    });
                }
            }
        });
        derived.forEach(Runnable::run);
        if (!problems.isEmpty()) {
            throw new FormDefinitionException(problems);
        }
        return new IndicatorCatalog(byId.values(), designs);
    }

    /** Each form's sample design: its own {@code design:}, or that of a fragment it includes. */
    private void loadDesigns(Map<String, String> files, YAMLMapper yaml) {
        Map<String, SampleDesign> fromFragments = new LinkedHashMap<>();
        files.forEach((file, text) -> {
            JsonNode doc;
            try {
                doc = yaml.readTree(text);
            } catch (Exception e) {
                return;
            }
            if (doc == null || !doc.has("design")) {
                return;
            }
            String stem = file.replaceFirst("\\.yaml$", "");
            boolean fragment = doc.path("fragment").asBoolean(false);
            Set<String> applies = new TreeSet<>();
            if (fragment) {
                forms.values().stream().filter(f -> f.includes().contains(stem)).forEach(f -> applies.add(f.id()));
            } else if (forms.containsKey(stem)) {
                applies.add(stem);
            }
            SampleDesign design = design(file, doc.get("design"), applies);
            applies.forEach(formId -> (fragment ? fromFragments : designs).put(formId, design));
        });
        fromFragments.forEach(designs::putIfAbsent);
    }

    private Indicator direct(String where, JsonNode node, Set<String> applies) {
        int before = problems.size();
        unknownKeys(where, node);
        String id = id(where, node);
        Indicator.Kind kind = enumValue(where, node, "kind", Indicator.Kind.class, Indicator.Kind.PROPORTION);
        if (kind != null && kind.derived()) {
            problems.add(where + ": a " + kind.code() + " needs 'of', 'dimension', 'first' and 'second'");
        }
        Indicator.Unit unit = enumValue(where, node, "unit", Indicator.Unit.class, null);
        Expression universe = expression(where, node, "universe", false, applies);
        Expression denominator = expression(where, node, "denominator", false, applies);
        Expression numerator = expression(where, node, "numerator", kind == Indicator.Kind.PROPORTION, applies);
        Expression value = expression(where, node, "value", kind == Indicator.Kind.MEAN, applies);
        List<List<String>> disaggregations = disaggregations(where, node, applies);
        Text title = text(where, node, "title");
        Text universeLabel = text(where, node, "universe_label");
        String category = category(where, node);
        if (problems.size() > before || unit == null) {
            return null;
        }
        return new Indicator(id, applies, title, category, node.path("theme").asText(""),
                node.path("source").asText(""), unit, kind, universeLabel, universe, denominator, numerator, value,
                node.path("factor").asDouble(unit.defaultFactor), disaggregations, node.path("threshold").asInt(5), null,
                perHousehold(where, node, disaggregations, applies));
    }

    private Indicator derived(String where, JsonNode node, Map<String, Indicator> byId) {
        int before = problems.size();
        unknownKeys(where, node);
        String id = id(where, node);
        Indicator.Kind kind = enumValue(where, node, "kind", Indicator.Kind.class, null);
        if (kind != null && !kind.derived()) {
            problems.add(where + ": only a ratio or a difference compares cells of another indicator ('of')");
        }
        Indicator base = byId.get(node.path("of").asText(""));
        String dimension = node.path("dimension").asText("");
        if (base == null || base.kind().derived()) {
            problems.add(where + ": 'of' must name a proportion or mean indicator, not '" + node.path("of").asText("") + "'");
            return null;
        }
        List<List<String>> disaggregations = new ArrayList<>();
        boolean found = false;
        for (List<String> by : base.disaggregations()) {
            if (by.contains(dimension)) {
                List<String> rest = new ArrayList<>(by);
                rest.remove(dimension);
                if (rest.isEmpty()) {
                    found = true;
                } else {
                    disaggregations.add(List.copyOf(rest));
                }
            }
        }
        if (!found) {
            problems.add(where + ": '" + base.id() + "' must be disaggregated by '" + dimension + "' alone to compare its cells");
        }
        String first = node.path("first").asText("");
        String second = node.path("second").asText("");
        if (first.isEmpty() || second.isEmpty() || first.equals(second)) {
            problems.add(where + ": 'first' and 'second' must be two different values of '" + dimension + "'");
        }
        Indicator.Unit unit = enumValue(where, node, "unit", Indicator.Unit.class, null);
        Text title = text(where, node, "title");
        Text universeLabel = node.has("universe_label") ? text(where, node, "universe_label") : base.universeLabel();
        String category = category(where, node);
        if (problems.size() > before || unit == null) {
            return null;
        }
        return new Indicator(id, base.forms(), title, category, node.path("theme").asText(""),
                node.path("source").asText(""), unit, kind, universeLabel, null, null, null, null,
                node.path("factor").asDouble(unit.defaultFactor), disaggregations, base.threshold(),
                new Indicator.Comparison(base.id(), dimension, first, second), false);
    }

    /**
     * {@code per: household}: the indicator counts households, each once, which needs the form's
     * design to name the household, and breakdowns by what a household shares (province, area).
     */
    private boolean perHousehold(String where, JsonNode node, List<List<String>> disaggregations, Set<String> applies) {
        String per = node.path("per").asText("individual");
        if (!per.equals("household")) {
            if (!per.equals("individual")) {
                problems.add(where + ": per is 'individual' (the default) or 'household', not '" + per + "'");
            }
            return false;
        }
        if (applies.stream().anyMatch(f -> designs.get(f) == null || designs.get(f).household() == null)) {
            problems.add(where + ": per: household needs the form's design to name the household (design: household)");
        }
        disaggregations.stream().flatMap(List::stream).filter(d -> !HOUSEHOLD_DIMENSIONS.contains(d)).findFirst()
                .ifPresent(d -> problems.add(where + ": a household indicator can be broken down by " + HOUSEHOLD_DIMENSIONS
                        + ", what a household's members share, not by '" + d + "'"));
        return true;
    }

    /**
     * A form's sample design: {@code {stratum, psu, household}}, each an expression over its
     * questions (all optional; a form without one is a simple random sample of respondents).
     */
    private SampleDesign design(String file, JsonNode node, Set<String> applies) {
        String where = file + ": design";
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("stratum", "psu", "household").contains(key)) {
                problems.add(where + ": unknown key '" + key + "' (stratum, psu, household)");
            }
        }
        return new SampleDesign(expression(where, node, "stratum", false, applies), expression(where, node, "psu", false, applies),
                expression(where, node, "household", false, applies));
    }

    private List<List<String>> disaggregations(String where, JsonNode node, Set<String> applies) {
        List<List<String>> result = new ArrayList<>();
        if (node.has("disaggregations") && !node.get("disaggregations").isArray()) {
            problems.add(where + ": 'disaggregations' must be a list such as [sex, province, \"sex,province\"]");
        }
        for (JsonNode d : node.path("disaggregations")) {
            List<String> dims = Arrays.stream(d.asText().split(",")).map(String::trim).toList();
            if (new LinkedHashSet<>(dims).size() != dims.size()) {
                problems.add(where + ": disaggregation '" + d.asText() + "' repeats a dimension");
                continue;
            }
            for (String dim : dims) {
                for (String formId : applies) {
                    Question q = forms.get(formId).question(dim);
                    if (q == null || (q.type() != QuestionType.SELECT_ONE && q.type() != QuestionType.CALCULATE)) {
                        problems.add(where + ": disaggregation '" + d.asText() + "': '" + dim
                                + "' is not a select_one or calculate question of form " + formId);
                    }
                }
            }
            if (result.contains(dims)) {
                problems.add(where + ": disaggregation '" + d.asText() + "' is listed twice");
            }
            result.add(dims);
        }
        for (List<String> dims : result) {
            for (String dim : dims) {
                if (dims.size() > 1 && !result.contains(List.of(dim))) {
                    problems.add(where + ": disaggregation '" + String.join(",", dims) + "' needs '" + dim
                            + "' on its own too (its cells add up to it, which disclosure control must know)");
                }
            }
        }
        return List.copyOf(result);
    }

    private Expression expression(String where, JsonNode node, String key, boolean required, Set<String> applies) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(where + ": '" + key + "' is missing");
            }
            return null;
        }
        try {
            Expression e = Expression.parse(value.asText());
            for (String ref : e.references()) {
                for (String formId : applies) {
                    if (forms.get(formId).question(ref) == null) {
                        problems.add(where + ": " + key + " refers to ${" + ref + "}, which is not a question of form " + formId);
                    }
                }
            }
            if (e.readsCurrent()) {
                problems.add(where + ": " + key + " cannot use '.'");
            }
            return e;
        } catch (ExpressionException ex) {
            problems.add(where + ": " + key + " does not parse: " + ex.getMessage());
            return null;
        }
    }

    private Text text(String where, JsonNode node, String key) {
        JsonNode t = node.get(key);
        if (!(t instanceof ObjectNode obj) || obj.path("en").asText("").isBlank() || obj.path("km").asText("").isBlank()) {
            problems.add(where + ": '" + key + "' must give the text in English and Khmer ({en: ..., km: ...})");
            return null;
        }
        return Text.of(obj.get("en").asText().strip(), obj.get("km").asText().strip());
    }

    private String id(String where, JsonNode node) {
        String id = node.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            problems.add(where + ": an id is lower-case letters, digits and '_'");
        }
        return id;
    }

    private String category(String where, JsonNode node) {
        String category = node.path("category").asText("");
        if (!CATEGORIES.contains(category)) {
            problems.add(where + ": category must be one of R, O, A, M, X (ROAM-X), not '" + category + "'");
        }
        return category;
    }

    private <E extends Enum<E>> E enumValue(String where, JsonNode node, String key, Class<E> type, E fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            if (fallback == null) {
                problems.add(where + ": '" + key + "' is missing");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + key + " '" + value.asText() + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            return null;
        }
    }

    private void unknownKeys(String where, JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(where + ": unknown key '" + key + "'");
            }
        }
    }
}
