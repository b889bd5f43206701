package org.tonle.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tonle.expr.Expression;
import org.tonle.expr.ExpressionException;
import org.tonle.forms.DefinitionProblem.Subject;

/** Reads the values of one form's YAML nodes (texts in every language, expressions, keys), reporting what is wrong. */
final class NodeReader {

    private final FormLoader loader;
    private final Set<String> languages = new LinkedHashSet<>();

    NodeReader(FormLoader loader) {
        this.loader = loader;
    }

    Map<String, Form.TranslationStatus> languages(String file, JsonNode node) {
        Map<String, Form.TranslationStatus> statuses = new LinkedHashMap<>();
        if (!(node instanceof ObjectNode obj) || obj.isEmpty()) {
            loader.add(file, Subject.FORM, "languages",
                    "'languages' must map each language code to its translation status (draft or reviewed)");
            return statuses;
        }
        obj.fields().forEachRemaining(e -> {
            String status = e.getValue().asText("");
            if (!status.equals("draft") && !status.equals("reviewed")) {
                loader.add(file, Subject.FORM, "languages", "language '" + e.getKey() + "' has status '" + status
                        + "'; use draft or reviewed");
                return;
            }
            languages.add(e.getKey());
            statuses.put(e.getKey(), Form.TranslationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)));
        });
        return statuses;
    }

    Text text(String ctx, Subject subject, JsonNode obj, String key, boolean required) {
        JsonNode node = obj.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                loader.add(ctx, subject, key, "'" + key + "' is missing");
            }
            return null;
        }
        if (!(node instanceof ObjectNode map)) {
            loader.add(ctx, subject, key, "'" + key + "' must give the text in each language, e.g. {en: ..., km: ...}");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String lang : languages) {
            String value = map.path(lang).asText("").strip();
            if (value.isEmpty()) {
                loader.add(ctx, subject, key + "::" + lang, "'" + key + "' has no text in language '" + lang + "'");
            } else if (!CleanText.isClean(value)) {
                loader.add(ctx, subject, key + "::" + lang, "'" + key + "' in language '" + lang
                        + "' holds control characters or broken Unicode");
            }
            values.put(lang, Normalizer.normalize(value, Normalizer.Form.NFC));
        }
        map.fieldNames().forEachRemaining(lang -> {
            if (!languages.contains(lang)) {
                loader.add(ctx, subject, key, "'" + key + "' is in language '" + lang + "', which the form does not declare");
            }
        });
        return new Text(values);
    }

    Expression expression(String ctx, Subject subject, JsonNode obj, String key, boolean required) {
        JsonNode node = obj.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                loader.add(ctx, subject, key, "'" + key + "' is missing");
            }
            return null;
        }
        try {
            return Expression.parse(node.asText());
        } catch (ExpressionException e) {
            loader.add(ctx, subject, key, key + " does not parse: " + e.getMessage());
            return null;
        }
    }

    String requiredText(String ctx, Subject subject, JsonNode obj, String key) {
        JsonNode node = obj.get(key);
        if (node == null || !node.isValueNode() || node.asText().isBlank()) {
            loader.add(ctx, subject, key, "'" + key + "' is missing");
            return "";
        }
        return node.asText();
    }

    void unknownKeys(String ctx, Subject subject, JsonNode obj, Set<String> allowed) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                loader.add(ctx, subject, key, "unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }
}
