package org.tonle.forms;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.forms.DefinitionProblem.Subject;

/**
 * Turns the YAML files of forms/ into validated {@link Form}s. Every problem in every file is
 * collected, and then all of them are reported at once with file and question, so a form author
 * fixes a file in one pass. The format is described in forms/README.md; one form is built by
 * {@link FormBuilder}.
 */
public final class FormLoader {

    /** Bounds on the work of loading and validating against one form, whoever wrote it. */
    static final int MAX_QUESTIONS = 1000;
    static final int MAX_GROUP_DEPTH = 10;

    /** The forms that loaded, and every problem found (a form with problems is not among the forms). */
    public record Result(Map<String, Form> forms, List<DefinitionProblem> problems) {}

    private final YAMLMapper yaml = new YAMLMapper();
    final List<DefinitionProblem> problems = new ArrayList<>();
    final Map<String, ObjectNode> fragments = new LinkedHashMap<>();
    final Map<String, String> fragmentFiles = new LinkedHashMap<>();

    /** Loads every form in {@code files} (file name to YAML text); fragments are only included. */
    public static Map<String, Form> load(Map<String, String> files) {
        Result result = check(files);
        if (!result.problems().isEmpty()) {
            throw new FormDefinitionException(result.problems().stream().map(DefinitionProblem::toString).toList(),
                    result.problems());
        }
        return result.forms();
    }

    /** Like {@link #load}, but answers the problems instead of throwing them. */
    public static Result check(Map<String, String> files) {
        FormLoader loader = new FormLoader();
        Map<String, Form> forms = loader.loadAll(files);
        return new Result(forms, List.copyOf(loader.problems));
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
                add(file, Subject.FORM, "id", "id '" + id + "' must equal the file name '" + stem + "'");
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
            Form form = new FormBuilder(this, file, doc).build();
            if (form != null) {
                forms.put(form.id(), form);
            }
        });
        if (forms.isEmpty() && problems.isEmpty()) {
            problems.add(DefinitionProblem.of("forms", Subject.FORM, null, "no forms were found"));
        }
        return forms;
    }

    private ObjectNode parse(String file, String text) {
        try {
            JsonNode node = yaml.readTree(text);
            if (node instanceof ObjectNode obj) {
                return obj;
            }
            add(file, Subject.FORM, null, "the file must be a YAML mapping");
        } catch (JsonProcessingException e) {
            problems.add(syntaxError(file, e));
        }
        return null;
    }

    /** A YAML syntax error at its line and column, with the parser's reason in words. */
    static DefinitionProblem syntaxError(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        String reason = String.join(" ", String.valueOf(e.getOriginalMessage()).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^") && !l.startsWith("in 'reader'")
                        && !l.startsWith("at [Source")).toList());
        String place = line > 0 ? " at line " + line + ", column " + column : "";
        return new DefinitionProblem(file, Subject.FORM, null, "not valid YAML" + place + ": " + reason, line, column);
    }

    void add(String prefix, Subject subject, String key, String message) {
        problems.add(DefinitionProblem.of(prefix, subject, key, message));
    }
}
