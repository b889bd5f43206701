package org.tonle.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tonle.expr.Expression;
import org.tonle.forms.DefinitionProblem.Kind;
import org.tonle.forms.DefinitionProblem.Subject;

/**
 * Builds one form of a {@link FormLoader}: its structure (groups, includes, names, types, choices)
 * here, its texts and expressions in {@link NodeReader}, and the checks that need the whole form in
 * {@link DefinitionChecks}. Problems go to the loader's list with what they are about.
 */
final class FormBuilder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern CHOICE_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> FORM_KEYS = Set.of("id", "version", "title", "description", "languages",
            "questions", "choices", "fragment", "indicators", "restricted_export", "design");
    private static final Set<String> QUESTION_KEYS = Set.of("name", "type", "label", "hint", "required", "relevant",
            "constraint", "constraint_message", "calculation", "choices", "consent", "sensitive", "appearance");
    private static final Set<String> GROUP_KEYS = Set.of("name", "type", "label", "relevant", "questions", "appearance");
    private static final Set<String> OVERRIDABLE = Set.of("label", "hint", "required", "relevant", "constraint",
            "constraint_message");

    private final FormLoader loader;
    private final String file;
    private final ObjectNode doc;
    private final NodeReader read;
    private final Map<String, List<Choice>> choiceLists = new LinkedHashMap<>();
    private final Map<String, Question> questions = new LinkedHashMap<>();
    private final Set<String> groupNames = new LinkedHashSet<>();
    private final Set<String> included = new LinkedHashSet<>();
    private final Map<String, String> whereDefined = new LinkedHashMap<>();
    private final int problemsBefore;
    private int entries;
    private int nesting;

    FormBuilder(FormLoader loader, String file, ObjectNode doc) {
        this.loader = loader;
        this.file = file;
        this.doc = doc;
        this.read = new NodeReader(loader);
        this.problemsBefore = loader.problems.size();
    }

    Form build() {
        read.unknownKeys(file, Subject.FORM, doc, FORM_KEYS);
        String id = read.requiredText(file, Subject.FORM, doc, "id");
        String version = read.requiredText(file, Subject.FORM, doc, "version");
        Map<String, Form.TranslationStatus> statuses = read.languages(file, doc.get("languages"));
        Text title = read.text(file, Subject.FORM, doc, "title", true);
        Text description = read.text(file, Subject.FORM, doc, "description", false);
        readChoices(file, doc.get("choices"));
        List<FormNode> layout = nodes(file, doc.get("questions"), List.of(), Map.of());
        if (questions.isEmpty()) {
            loader.add(file, Subject.FORM, "questions", "a form needs at least one question");
        }
        checkReferences();
        List<Question> calculationOrder = CalculationOrder.of(questions, (name, cycle) -> loader.add(file,
                Subject.question(name), "calculation", "calculations refer to each other in a cycle: " + cycle));
        if (loader.problems.size() > problemsBefore) {
            return null;
        }
        loader.problems.addAll(DefinitionChecks.check(questions, calculationOrder,
                name -> whereDefined.get("question:" + name) + ": question '" + name + "'"));
        if (loader.problems.size() > problemsBefore) {
            return null;
        }
        return new Form(id, version, title, description, statuses, layout, new ArrayList<>(questions.values()),
                calculationOrder, choiceLists, included, doc.path("restricted_export").asBoolean(false), design());
    }

    /** The form's own {@code design:}, or else that of the first fragment it includes that has one. */
    private Map<String, String> design() {
        JsonNode node = doc.get("design");
        for (String name : included) {
            if (node == null && loader.fragments.get(name) != null) {
                node = loader.fragments.get(name).get("design");
            }
        }
        Map<String, String> design = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> design.put(e.getKey(), e.getValue().asText()));
        }
        return design;
    }

    private void readChoices(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!(node instanceof ObjectNode obj)) {
            loader.add(where, Subject.FORM, "choices", "'choices' must map list names to lists of choices");
            return;
        }
        obj.fields().forEachRemaining(e -> {
            String list = e.getKey();
            Subject subject = new Subject(Kind.CHOICE_LIST, list, null);
            String ctx = where + ": choice list '" + list + "'";
            if (choiceLists.containsKey(list)) {
                loader.add(ctx, subject, null, "is defined twice (also in " + whereDefined.get("choices:" + list) + ")");
                return;
            }
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                loader.add(ctx, subject, null, "must be a non-empty list");
                return;
            }
            List<Choice> choices = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            int position = 0;
            for (JsonNode c : e.getValue()) {
                position++;
                JsonNode value = c.get("value");
                if (value == null || !value.isTextual() || !CHOICE_VALUE.matcher(value.asText()).matches()) {
                    loader.add(ctx, new Subject(Kind.CHOICE, list, value == null ? "#" + position : value.asText()), "value",
                            "choice value " + value + " must be a quoted word of letters, digits, '_' or '-'");
                    continue;
                }
                Subject choice = new Subject(Kind.CHOICE, list, value.asText());
                if (!seen.add(value.asText())) {
                    loader.add(ctx, choice, "value", "choice '" + value.asText() + "' appears twice");
                }
                String at = ctx + " choice '" + value.asText() + "'";
                read.unknownKeys(at, choice, c, Set.of("value", "label", "exclusive"));
                Text label = read.text(at, choice, c, "label", true);
                choices.add(new Choice(value.asText(), label, c.path("exclusive").asBoolean(false)));
            }
            choiceLists.put(list, List.copyOf(choices));
            whereDefined.put("choices:" + list, where);
        });
    }

    private List<FormNode> nodes(String where, JsonNode list, List<Expression> outerRelevance, Map<String, JsonNode> overrides) {
        List<FormNode> result = new ArrayList<>();
        if (list == null || !list.isArray()) {
            loader.add(where, Subject.FORM, "questions", "'questions' must be a list");
            return result;
        }
        if (nesting > FormLoader.MAX_GROUP_DEPTH) {
            loader.add(where, Subject.FORM, null, "groups are nested more than " + FormLoader.MAX_GROUP_DEPTH + " deep");
            return result;
        }
        for (JsonNode item : list) {
            if (++entries > FormLoader.MAX_QUESTIONS) {
                if (entries == FormLoader.MAX_QUESTIONS + 1) {
                    loader.add(file, Subject.FORM, null, "a form has at most " + FormLoader.MAX_QUESTIONS
                            + " questions and groups in all");
                }
                return result;
            }
            if (!(item instanceof ObjectNode obj)) {
                loader.add(where, Subject.FORM, "questions", "every entry of 'questions' must be a mapping");
            } else if (obj.has("include")) {
                result.addAll(include(where, obj, outerRelevance));
            } else if ("group".equals(obj.path("type").asText())) {
                FormNode group = group(where, obj, outerRelevance, overrides);
                if (group != null) {
                    result.add(group);
                }
            } else {
                FormNode.QuestionNode q = question(where, applyOverride(obj, overrides), outerRelevance);
                if (q != null) {
                    result.add(q);
                }
            }
        }
        return result;
    }

    private List<FormNode> include(String where, ObjectNode obj, List<Expression> outerRelevance) {
        read.unknownKeys(where + ": include", Subject.FORM, obj, Set.of("include", "override"));
        String name = obj.path("include").asText("");
        ObjectNode fragment = loader.fragments.get(name);
        if (fragment == null) {
            loader.add(where, Subject.FORM, "include", "includes '" + name + "', which is not a fragment in forms/ (fragment: true)");
            return List.of();
        }
        included.add(name);
        String fragmentFile = loader.fragmentFiles.get(name) + " (included by " + file + ")";
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        JsonNode override = obj.get("override");
        if (override != null) {
            override.fields().forEachRemaining(e -> {
                read.unknownKeys(where + ": override of '" + e.getKey() + "'", Subject.question(e.getKey()), e.getValue(), OVERRIDABLE);
                overrides.put(e.getKey(), e.getValue());
            });
        }
        if (!whereDefined.containsKey("fragment:" + name)) {
            whereDefined.put("fragment:" + name, where);
            readChoices(fragmentFile, fragment.get("choices"));
        }
        List<FormNode> nodes = nodes(fragmentFile, fragment.get("questions"), outerRelevance, overrides);
        overrides.keySet().stream().filter(q -> !questions.containsKey(q)).forEach(q ->
                loader.add(where, Subject.question(q), "override", "overrides '" + q + "', which '" + name + "' does not contain"));
        return nodes;
    }

    private static ObjectNode applyOverride(ObjectNode q, Map<String, JsonNode> overrides) {
        JsonNode override = overrides.get(q.path("name").asText());
        if (override == null) {
            return q;
        }
        ObjectNode merged = q.deepCopy();
        override.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    private FormNode group(String where, ObjectNode obj, List<Expression> outerRelevance, Map<String, JsonNode> overrides) {
        String name = obj.path("name").asText("");
        Subject subject = Subject.group(name);
        String ctx = where + ": group '" + name + "'";
        read.unknownKeys(ctx, subject, obj, GROUP_KEYS);
        if (!claimName(ctx, subject, name)) {
            return null;
        }
        groupNames.add(name);
        Text label = read.text(ctx, subject, obj, "label", true);
        Expression relevant = read.expression(ctx, subject, obj, "relevant", false);
        List<Expression> inner = new ArrayList<>(outerRelevance);
        if (relevant != null) {
            inner.add(relevant);
        }
        nesting++;
        List<FormNode> children = nodes(where + " group '" + name + "'", obj.get("questions"), inner, overrides);
        nesting--;
        return new FormNode.Group(name, label, relevant, children);
    }

    private FormNode.QuestionNode question(String where, ObjectNode obj, List<Expression> outerRelevance) {
        String name = obj.path("name").asText("");
        Subject subject = Subject.question(name);
        String ctx = where + ": question '" + name + "'";
        read.unknownKeys(ctx, subject, obj, QUESTION_KEYS);
        if (!claimName(ctx, subject, name)) {
            return null;
        }
        QuestionType type = QuestionType.fromCode(obj.path("type").asText(""));
        if (type == null) {
            loader.add(ctx, subject, "type", "unknown type '" + obj.path("type").asText("") + "'; use one of "
                    + java.util.Arrays.stream(QuestionType.values()).map(QuestionType::code).toList() + " or group");
            return null;
        }
        Text label = read.text(ctx, subject, obj, "label", type != QuestionType.CALCULATE);
        Text hint = read.text(ctx, subject, obj, "hint", false);
        Expression relevant = read.expression(ctx, subject, obj, "relevant", false);
        Expression constraint = read.expression(ctx, subject, obj, "constraint", false);
        Text constraintMessage = read.text(ctx, subject, obj, "constraint_message", constraint != null);
        Expression calculation = read.expression(ctx, subject, obj, "calculation", type == QuestionType.CALCULATE);
        if (calculation != null && type != QuestionType.CALCULATE) {
            loader.add(ctx, subject, "calculation", "only a calculate question has a calculation");
        }
        if (constraint != null && !type.takesAnswer()) {
            loader.add(ctx, subject, "constraint", "a " + type.code() + " cannot have a constraint");
        }
        if (relevant != null && relevant.readsCurrent()) {
            loader.add(ctx, subject, "relevant", "'.' (this answer) may only be used in a constraint: " + relevant);
        }
        if (calculation != null && calculation.readsCurrent()) {
            loader.add(ctx, subject, "calculation", "'.' (this answer) may only be used in a constraint: " + calculation);
        }
        String listName = null;
        List<Choice> choices = List.of();
        if (type.hasChoices()) {
            listName = obj.path("choices").asText("");
            choices = choiceLists.get(listName);
            if (choices == null) {
                loader.add(ctx, subject, "choices", "choice list '" + listName + "' is not defined");
                choices = List.of();
            }
        } else if (obj.has("choices")) {
            loader.add(ctx, subject, "choices", "only select_one and select_multiple take choices");
        }
        boolean required = obj.path("required").asBoolean(false);
        if (required && !type.takesAnswer()) {
            loader.add(ctx, subject, "required", "a " + type.code() + " cannot be required");
        }
        boolean consent = obj.path("consent").asBoolean(false);
        if (consent && (type != QuestionType.SELECT_ONE || choices.stream().noneMatch(c -> c.value().equals("yes")))) {
            loader.add(ctx, subject, "consent", "a consent question must be a select_one with a 'yes' choice");
        }
        List<Expression> relevance = new ArrayList<>(outerRelevance);
        if (relevant != null) {
            relevance.add(relevant);
        }
        Question q = new Question(name, type, label, hint, required || consent, List.copyOf(relevance), constraint,
                constraintMessage, calculation, listName, choices, consent, obj.path("sensitive").asBoolean(false));
        questions.put(name, q);
        whereDefined.put("question:" + name, where);
        return new FormNode.QuestionNode(q, relevant);
    }

    private boolean claimName(String ctx, Subject subject, String name) {
        if (!NAME.matcher(name).matches()) {
            loader.add(ctx, subject, "name", "a name is a letter or '_' followed by letters, digits or '_'");
            return false;
        }
        if (questions.containsKey(name) || groupNames.contains(name)) {
            loader.add(ctx, subject, "name", "the name is used twice in form " + file);
            return false;
        }
        return true;
    }

    private void checkReferences() {
        for (Question q : questions.values()) {
            String ctx = whereDefined.get("question:" + q.name()) + ": question '" + q.name() + "'";
            Map<String, Expression> all = new LinkedHashMap<>();
            q.relevance().forEach(e -> all.putIfAbsent("relevant:" + e.source(), e));
            all.put("constraint", q.constraint());
            all.put("calculation", q.calculation());
            all.forEach((key, e) -> {
                if (e == null) {
                    return;
                }
                String column = key.startsWith("relevant") ? "relevant" : key;
                for (String ref : e.references()) {
                    Question target = questions.get(ref);
                    if (target == null) {
                        loader.add(ctx, Subject.question(q.name()), column, "refers to ${" + ref + "}, which is not a question of this form");
                    } else if (target.type() == QuestionType.NOTE) {
                        loader.add(ctx, Subject.question(q.name()), column, "refers to ${" + ref + "}, a note, which has no value");
                    }
                }
            });
        }
    }
}
