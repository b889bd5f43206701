package org.tonle.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an uploaded definition as a whole: reads it (YAML, or an XLSForm through {@link XlsFormReader}),
 * loads it as the form loader would, checks its indicators, and compares it with the current version
 * for changes that would alter what an indicator means. Every problem is placed where the author
 * wrote it. Plain Java, CPU work: run it on a worker.
 */
final class DraftCheck {

    static final Pattern FORM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern INDICATOR = Pattern.compile("indicator '([^']*)'");

    /** What an upload turned out to be: its form id (null if unreadable), its source, the problems, the warnings. */
    record Checked(String formId, String version, DefinitionSource source, Form form, List<LocatedProblem> problems,
            JsonArray warnings) {
        boolean valid() {
            return form != null && problems.isEmpty();
        }
    }

    /** How problems of the loader are placed: at a YAML subject, or at an XLSForm cell. */
    interface Locator {
        LocatedProblem locate(DefinitionProblem problem);

        LocatedProblem indicator(String id, String message);
    }

    private final ShippedForms shipped;
    private final IndicatorView indicators;

    DraftCheck(ShippedForms shipped, IndicatorView indicators) {
        this.shipped = shipped;
        this.indicators = indicators;
    }

    /**
     * @param expectedId the form this upload must define (its draft address), or null for a new form
     * @param current the form's current version, to compare with, or null
     */
    Checked check(Upload upload, String expectedId, Form current) {
        List<LocatedProblem> problems = new ArrayList<>();
        ObjectNode tree;
        Locator locator;
        if (upload.format() == Upload.Format.XLSFORM) {
            XlsFormReader.Result read = XlsFormReader.read(upload.bytes());
            problems.addAll(read.problems());
            tree = read.tree();
            locator = read.locations();
        } else {
            tree = yaml(upload.bytes(), problems);
            locator = new YamlLocator();
        }
        if (tree == null) {
            return new Checked(null, null, null, null, problems, new JsonArray());
        }
        String formId = tree.path("id").asText("");
        String version = tree.path("version").asText("");
        identity(tree, formId, version, expectedId, locator, problems);
        if (!FORM_ID.matcher(formId).matches() || formId.equals("drafts")) {
            return new Checked(null, null, null, null, problems, new JsonArray());
        }
        DefinitionSource all = new DefinitionSource(formId, version, upload.format() == Upload.Format.XLSFORM ? "xlsform" : "yaml",
                ShippedForms.json(tree), shipped.fragments());
        FormLoader.Result loaded = all.load();
        loaded.problems().forEach(p -> problems.add(locator.locate(p)));
        Form form = loaded.forms().get(formId);
        if (form == null) {
            return new Checked(formId, version, all, null, problems, new JsonArray());
        }
        Map<String, String> pinned = new LinkedHashMap<>();
        form.includes().stream().sorted().forEach(name -> pinned.put(name, shipped.fragments().get(name)));
        DefinitionSource source = new DefinitionSource(formId, version, all.format(), all.json(), pinned);
        Map<String, String> files = new LinkedHashMap<>();
        pinned.forEach((name, text) -> files.put(name + ".yaml", text));
        files.put(formId + ".yaml", source.json());
        for (String problem : indicators.check(files, Map.of(formId, form))) {
            Matcher m = INDICATOR.matcher(problem);
            String message = problem.replaceFirst("^[^:]*\\.yaml: ", "");
            problems.add(locator.indicator(m.find() ? m.group(1) : null, message));
        }
        JsonArray warnings = current == null ? new JsonArray() : warnings(current, form);
        return new Checked(formId, version, source, form, problems, warnings);
    }

    JsonArray warnings(Form current, Form next) {
        return IndicatorImpact.warnings(current, next, indicators.uses(next.id()));
    }

    private static void identity(ObjectNode tree, String formId, String version, String expectedId, Locator locator,
            List<LocatedProblem> problems) {
        DefinitionProblem.Subject form = DefinitionProblem.Subject.FORM;
        if (!FORM_ID.matcher(formId).matches() || formId.equals("drafts")) {
            problems.add(locator.locate(DefinitionProblem.of("form", form, "id", "the form id '" + CleanText.shown(formId)
                    + "' must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit (and not 'drafts')")));
        } else if (expectedId != null && !expectedId.equals(formId)) {
            problems.add(locator.locate(DefinitionProblem.of("form", form, "id", "this is the draft of form '" + expectedId
                    + "', but the definition's id is '" + formId + "'")));
        }
        if (!version.isEmpty() && !VersionOrder.VALID.matcher(version).matches()) {
            problems.add(locator.locate(DefinitionProblem.of("form", form, "version", "the version '" + CleanText.shown(version)
                    + "' must be 1 to 64 letters, digits, '.', '-' or '_' (a date such as 2026-12-05, or a number)")));
        }
        if (tree.path("fragment").asBoolean(false)) {
            problems.add(locator.locate(DefinitionProblem.of("form", form, "fragment",
                    "a fragment (such as the profile) is part of the forms folder and cannot be uploaded")));
        }
    }

    private static ObjectNode yaml(byte[] bytes, List<LocatedProblem> problems) {
        try {
            JsonNode node = new YAMLMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode obj) {
                return obj;
            }
            problems.add(new LocatedProblem(null, 0, null, 1, 1, null, ProblemTexts.translate(
                    DefinitionProblem.of("form", DefinitionProblem.Subject.FORM, null, "the file must be a YAML mapping"))));
        } catch (JsonProcessingException e) {
            DefinitionProblem p = FormLoader.syntaxError("upload", e);
            problems.add(new LocatedProblem(null, 0, null, Math.max(1, p.line()), p.column(), null, ProblemTexts.translate(p)));
        }
        return null;
    }

    /** YAML problems are placed by what they are about: "question 'age', key relevant". */
    private static final class YamlLocator implements Locator {
        @Override
        public LocatedProblem locate(DefinitionProblem p) {
            return new LocatedProblem(null, 0, null, p.line(), p.column(), ProblemTexts.where(p), ProblemTexts.translate(p));
        }

        @Override
        public LocatedProblem indicator(String id, String message) {
            return new LocatedProblem(null, 0, null, 0, 0, id == null ? "indicators" : "indicator '" + id + "'",
                    ProblemTexts.indicator(message));
        }
    }
}
