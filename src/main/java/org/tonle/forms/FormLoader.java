package org.tonle.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tonle.expr.Expression;
import org.tonle.expr.ExpressionException;

/**
 * Turns the YAML files of forms/ into validated {@link Form}s. Every problem in every file is
 * collected, and then all of them are reported at once with file and question, so a form author
 * fixes a file in one pass. The format is described in forms/README.md.
 */
public final class FormLoader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern CHOICE_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> FORM_KEYS = Set.of("id", "version", "title", "description", "languages",
            "questions", "choices", "fragment", "indicators", "restricted_export", "design");
    private static final Set<String> QUESTION_KEYS = Set.of("name", "type", "label", "hint", "required", "relevant",
            "constraint", "constraint_message", "calculation", "choices", "consent", "sensitive", "appearance");
    private static final Set<String> GROUP_KEYS = Set.of("name", "type", "label", "relevant", "questions", "appearance");
    /** Bounds on the work of loading and validating against one form, whoever wrote it. */
    static final int MAX_QUESTIONS = 1000;
    static final int MAX_GROUP_DEPTH = 10;
    private static final Set<String> OVERRIDABLE = Set.of("label", "hint", "required", "relevant", "constraint",
            "constraint_message");

    private final YAMLMapper yaml = new YAMLMapper();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, ObjectNode> fragments = new LinkedHashMap<>();
    private final Map<String, String> fragmentFiles = new LinkedHashMap<>();

    /** Loads every form in {@code files} (file name to YAML text); fragments are only included. */
    public static Map<String, Form> load(Map<String, String> files) {
        return new FormLoader().loadAll(files);
    }

    private Map<String, Form> loadAll(Map<String, String> files) {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        files.forEach((file, text) -> {
            ObjectNode doc = parse(file, text);
            if (doc == null) {
                return;
            }
            String id = doc.path("id").asText("");
            String stem = file.replaceFirst("\\.yaml$", "");
            if (!id.equals(stem)) {
                problems.add(file + ": id '" + id + "' must equal the file name '" + stem + "'");
            }
            if (doc.path("fragment").asBoolean(false)) {
                fragments.put(stem, doc);
                fragmentFiles.put(stem, file);
            } else {
                documents.put(file, doc);
            }
        });
        Map<String, Form> forms = new LinkedHashMap<>();
        documents.forEach((file, doc) -> {
            Form form = new FormBuilder(file, doc).build();
            if (form != null) {
                forms.put(form.id(), form);
            }
        });
        if (forms.isEmpty() && problems.isEmpty()) {
            problems.add("no forms were found");
        }
        if (!problems.isEmpty()) {
            throw new FormDefinitionException(problems);
        }
        return forms;
    }

    private ObjectNode parse(String file, String text) {
        try {
            JsonNode node = yaml.readTree(text);
            if (node instanceof ObjectNode obj) {
                return obj;
            }
            problems.add(file + ": the file must be a YAML mapping");
        } catch (Exception e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return null;
    }

    /** Builds one form; problems go to the shared list, prefixed with file and question. */
    private final class FormBuilder {
        private final String file;
        private final ObjectNode doc;
        private final Set<String> languages = new LinkedHashSet<>();
        private final Map<String, List<Choice>> choiceLists = new LinkedHashMap<>();
        private final Map<String, Question> questions = new LinkedHashMap<>();
        private final Set<String> groupNames = new LinkedHashSet<>();
        private final Set<String> included = new LinkedHashSet<>();
        private final Map<String, String> whereDefined = new LinkedHashMap<>();
        private final int problemsBefore = problems.size();
        private int entries;
        private int nesting;

        FormBuilder(String file, ObjectNode doc) {
            this.file = file;
            this.doc = doc;
        }

        Form build() {
            unknownKeys(file, "", doc, FORM_KEYS);
            String id = requiredText(file, "", doc, "id");
            String version = requiredText(file, "", doc, "version");
            Map<String, Form.TranslationStatus> statuses = languages(doc.get("languages"));
            Text title = text(file, "", doc, "title", true);
            Text description = text(file, "", doc, "description", false);
            readChoices(file, doc.get("choices"));
            List<FormNode> layout = nodes(file, doc.get("questions"), List.of(), Map.of());
            if (questions.isEmpty()) {
                problems.add(file + ": a form needs at least one question");
            }
            checkReferences();
            List<Question> calculationOrder = calculationOrder();
            if (problems.size() > problemsBefore) {
                return null;
            }
            problems.addAll(DefinitionChecks.check(questions, calculationOrder,
                    name -> whereDefined.get("question:" + name) + ": question '" + name + "'"));
            if (problems.size() > problemsBefore) {
                return null;
            }
            return new Form(id, version, title, description, statuses, layout, new ArrayList<>(questions.values()),
                    calculationOrder, choiceLists, included, doc.path("restricted_export").asBoolean(false));
        }

        private Map<String, Form.TranslationStatus> languages(JsonNode node) {
            Map<String, Form.TranslationStatus> statuses = new LinkedHashMap<>();
            if (!(node instanceof ObjectNode obj) || obj.isEmpty()) {
                problems.add(file + ": 'languages' must map each language code to its translation status (draft or reviewed)");
                return statuses;
            }
            obj.fields().forEachRemaining(e -> {
                String status = e.getValue().asText("");
                if (!status.equals("draft") && !status.equals("reviewed")) {
                    problems.add(file + ": language '" + e.getKey() + "' has status '" + status
                            + "'; use draft or reviewed");
                    return;
                }
                languages.add(e.getKey());
                statuses.put(e.getKey(), Form.TranslationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)));
            });
            return statuses;
        }

        private void readChoices(String where, JsonNode node) {
            if (node == null || node.isNull()) {
                return;
            }
            if (!(node instanceof ObjectNode obj)) {
                problems.add(where + ": 'choices' must map list names to lists of choices");
                return;
            }
            obj.fields().forEachRemaining(e -> {
                String list = e.getKey();
                String ctx = "choice list '" + list + "'";
                if (choiceLists.containsKey(list)) {
                    problems.add(where + ": " + ctx + " is defined twice (also in " + whereDefined.get("choices:" + list) + ")");
                    return;
                }
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    problems.add(where + ": " + ctx + " must be a non-empty list");
                    return;
                }
                List<Choice> choices = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (JsonNode c : e.getValue()) {
                    JsonNode value = c.get("value");
                    if (value == null || !value.isTextual() || !CHOICE_VALUE.matcher(value.asText()).matches()) {
                        problems.add(where + ": " + ctx + ": choice value " + value
                                + " must be a quoted word of letters, digits, '_' or '-'");
                        continue;
                    }
                    if (!seen.add(value.asText())) {
                        problems.add(where + ": " + ctx + ": choice '" + value.asText() + "' appears twice");
                    }
                    unknownKeys(where, ctx + " choice '" + value.asText() + "'", c, Set.of("value", "label", "exclusive"));
                    Text label = text(where, ctx + " choice '" + value.asText() + "'", c, "label", true);
                    choices.add(new Choice(value.asText(), label, c.path("exclusive").asBoolean(false)));
                }
                choiceLists.put(list, List.copyOf(choices));
                whereDefined.put("choices:" + list, where);
            });
        }

        private List<FormNode> nodes(String where, JsonNode list, List<Expression> outerRelevance,
                Map<String, JsonNode> overrides) {
            List<FormNode> result = new ArrayList<>();
            if (list == null || !list.isArray()) {
                problems.add(where + ": 'questions' must be a list");
                return result;
            }
            if (nesting > MAX_GROUP_DEPTH) {
                problems.add(where + ": groups are nested more than " + MAX_GROUP_DEPTH + " deep");
                return result;
            }
            for (JsonNode item : list) {
                if (++entries > MAX_QUESTIONS) {
                    if (entries == MAX_QUESTIONS + 1) {
                        problems.add(file + ": a form has at most " + MAX_QUESTIONS + " questions and groups in all");
                    }
                    return result;
                }
                if (!(item instanceof ObjectNode obj)) {
                    problems.add(where + ": every entry of 'questions' must be a mapping");
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
            unknownKeys(where, "include", obj, Set.of("include", "override"));
            String name = obj.path("include").asText("");
            ObjectNode fragment = fragments.get(name);
            if (fragment == null) {
                problems.add(where + ": includes '" + name + "', which is not a fragment in forms/ (fragment: true)");
                return List.of();
            }
            included.add(name);
            String fragmentFile = fragmentFiles.get(name) + " (included by " + file + ")";
            Map<String, JsonNode> overrides = new LinkedHashMap<>();
            JsonNode override = obj.get("override");
            if (override != null) {
                override.fields().forEachRemaining(e -> {
                    unknownKeys(where, "override of '" + e.getKey() + "'", e.getValue(), OVERRIDABLE);
                    overrides.put(e.getKey(), e.getValue());
                });
            }
            if (!whereDefined.containsKey("fragment:" + name)) {
                whereDefined.put("fragment:" + name, where);
                readChoices(fragmentFile, fragment.get("choices"));
            }
            List<FormNode> nodes = nodes(fragmentFile, fragment.get("questions"), outerRelevance, overrides);
            overrides.keySet().stream().filter(q -> !questions.containsKey(q)).forEach(q ->
                    problems.add(where + ": overrides '" + q + "', which '" + name + "' does not contain"));
            return nodes;
        }

        private ObjectNode applyOverride(ObjectNode q, Map<String, JsonNode> overrides) {
            JsonNode override = overrides.get(q.path("name").asText());
            if (override == null) {
                return q;
            }
            ObjectNode merged = q.deepCopy();
            override.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
            return merged;
        }

        private FormNode group(String where, ObjectNode obj, List<Expression> outerRelevance,
                Map<String, JsonNode> overrides) {
            String name = obj.path("name").asText("");
            String ctx = "group '" + name + "'";
            unknownKeys(where, ctx, obj, GROUP_KEYS);
            if (!claimName(where, ctx, name)) {
                return null;
            }
            groupNames.add(name);
            Text label = text(where, ctx, obj, "label", true);
            Expression relevant = expression(where, ctx, obj, "relevant", false);
            List<Expression> inner = new ArrayList<>(outerRelevance);
            if (relevant != null) {
                inner.add(relevant);
            }
            nesting++;
            List<FormNode> children = nodes(where + " " + ctx, obj.get("questions"), inner, overrides);
            nesting--;
            return new FormNode.Group(name, label, relevant, children);
        }

        private FormNode.QuestionNode question(String where, ObjectNode obj, List<Expression> outerRelevance) {
            String name = obj.path("name").asText("");
            String ctx = "question '" + name + "'";
            unknownKeys(where, ctx, obj, QUESTION_KEYS);
            if (!claimName(where, ctx, name)) {
                return null;
            }
            QuestionType type = QuestionType.fromCode(obj.path("type").asText(""));
            if (type == null) {
                problems.add(where + ": " + ctx + ": unknown type '" + obj.path("type").asText("") + "'; use one of "
                        + java.util.Arrays.stream(QuestionType.values()).map(QuestionType::code).toList() + " or group");
                return null;
            }
            Text label = text(where, ctx, obj, "label", type != QuestionType.CALCULATE);
            Text hint = text(where, ctx, obj, "hint", false);
            Expression relevant = expression(where, ctx, obj, "relevant", false);
            Expression constraint = expression(where, ctx, obj, "constraint", false);
            Text constraintMessage = text(where, ctx, obj, "constraint_message", constraint != null);
            Expression calculation = expression(where, ctx, obj, "calculation", type == QuestionType.CALCULATE);
            if (calculation != null && type != QuestionType.CALCULATE) {
                problems.add(where + ": " + ctx + ": only a calculate question has a calculation");
            }
            if (constraint != null && !type.takesAnswer()) {
                problems.add(where + ": " + ctx + ": a " + type.code() + " cannot have a constraint");
            }
            for (Expression e : new Expression[] {relevant, calculation}) {
                if (e != null && e.readsCurrent()) {
                    problems.add(where + ": " + ctx + ": '.' (this answer) may only be used in a constraint: " + e);
                }
            }
            String listName = null;
            List<Choice> choices = List.of();
            if (type.hasChoices()) {
                listName = obj.path("choices").asText("");
                choices = choiceLists.get(listName);
                if (choices == null) {
                    problems.add(where + ": " + ctx + ": choice list '" + listName + "' is not defined");
                    choices = List.of();
                }
            } else if (obj.has("choices")) {
                problems.add(where + ": " + ctx + ": only select_one and select_multiple take choices");
            }
            boolean required = obj.path("required").asBoolean(false);
            if (required && !type.takesAnswer()) {
                problems.add(where + ": " + ctx + ": a " + type.code() + " cannot be required");
            }
            boolean consent = obj.path("consent").asBoolean(false);
            if (consent && (type != QuestionType.SELECT_ONE || choices.stream().noneMatch(c -> c.value().equals("yes")))) {
                problems.add(where + ": " + ctx + ": a consent question must be a select_one with a 'yes' choice");
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

        private boolean claimName(String where, String ctx, String name) {
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": " + ctx + ": a name is a letter or '_' followed by letters, digits or '_'");
                return false;
            }
            if (questions.containsKey(name) || groupNames.contains(name)) {
                problems.add(where + ": " + ctx + ": the name is used twice in form " + file);
                return false;
            }
            return true;
        }

        private void checkReferences() {
            for (Question q : questions.values()) {
                String where = whereDefined.get("question:" + q.name()) + ": question '" + q.name() + "'";
                List<Expression> all = new ArrayList<>(q.relevance());
                all.add(q.constraint());
                all.add(q.calculation());
                for (Expression e : all) {
                    if (e == null) {
                        continue;
                    }
                    for (String ref : e.references()) {
                        Question target = questions.get(ref);
                        if (target == null) {
                            problems.add(where + ": refers to ${" + ref + "}, which is not a question of this form");
                        } else if (target.type() == QuestionType.NOTE) {
                            problems.add(where + ": refers to ${" + ref + "}, a note, which has no value");
                        }
                    }
                }
            }
        }

        /** Calculations ordered so that each follows the calculations it reads; a cycle is an error. */
        private List<Question> calculationOrder() {
            List<Question> order = new ArrayList<>();
            Set<String> done = new LinkedHashSet<>();
            Set<String> visiting = new LinkedHashSet<>();
            for (Question q : questions.values()) {
                if (q.type() == QuestionType.CALCULATE) {
                    visit(q, order, done, visiting);
                }
            }
            return order;
        }

        private void visit(Question q, List<Question> order, Set<String> done, Set<String> visiting) {
            if (done.contains(q.name()) || q.calculation() == null) {
                return;
            }
            if (!visiting.add(q.name())) {
                problems.add(file + ": calculations refer to each other in a cycle: " + String.join(" -> ", visiting)
                        + " -> " + q.name());
                return;
            }
            for (String ref : q.calculation().references()) {
                Question dep = questions.get(ref);
                if (dep != null && dep.type() == QuestionType.CALCULATE) {
                    visit(dep, order, done, visiting);
                }
            }
            visiting.remove(q.name());
            done.add(q.name());
            order.add(q);
        }

        private Text text(String where, String ctx, JsonNode obj, String key, boolean required) {
            JsonNode node = obj.get(key);
            String at = where + ": " + (ctx.isEmpty() ? "" : ctx + ": ");
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(at + "'" + key + "' is missing");
                }
                return null;
            }
            if (!(node instanceof ObjectNode map)) {
                problems.add(at + "'" + key + "' must give the text in each language, e.g. {en: ..., km: ...}");
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String lang : languages) {
                String value = map.path(lang).asText("").strip();
                if (value.isEmpty()) {
                    problems.add(at + "'" + key + "' has no text in language '" + lang + "'");
                } else if (!CleanText.isClean(value)) {
                    problems.add(at + "'" + key + "' in language '" + lang + "' holds control characters or broken Unicode");
                }
                values.put(lang, Normalizer.normalize(value, Normalizer.Form.NFC));
            }
            map.fieldNames().forEachRemaining(lang -> {
                if (!languages.contains(lang)) {
                    problems.add(at + "'" + key + "' is in language '" + lang + "', which the form does not declare");
                }
            });
            return new Text(values);
        }

        private Expression expression(String where, String ctx, JsonNode obj, String key, boolean required) {
            JsonNode node = obj.get(key);
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(where + ": " + ctx + ": '" + key + "' is missing");
                }
                return null;
            }
            try {
                return Expression.parse(node.asText());
            } catch (ExpressionException e) {
                problems.add(where + ": " + ctx + ": " + key + " does not parse: " + e.getMessage());
                return null;
            }
        }

        private String requiredText(String where, String ctx, JsonNode obj, String key) {
            JsonNode node = obj.get(key);
            if (node == null || !node.isValueNode() || node.asText().isBlank()) {
                problems.add(where + ": " + ctx + (ctx.isEmpty() ? "" : ": ") + "'" + key + "' is missing");
                return "";
            }
            return node.asText();
        }
    }

    private void unknownKeys(String where, String ctx, JsonNode obj, Set<String> allowed) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(where + ": " + (ctx.isEmpty() ? "" : ctx + ": ") + "unknown key '" + key + "' (allowed: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }
}
