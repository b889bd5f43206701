package org.tonle.forms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tonle.http.Responses;

/**
 * Indicators count the responses of every version together, by question name. A new version that
 * removes a question an indicator reads, changes its type, its choice codes or (for a calculation)
 * its formula would mix answers that mean different things in one score: such changes are listed
 * as warnings, each with the indicators it affects. The author may still publish.
 */
final class IndicatorImpact {

    private IndicatorImpact() {
    }

    static JsonArray warnings(Form current, Form next, List<IndicatorView.Use> uses) {
        Map<String, Set<String>> readers = new LinkedHashMap<>();
        for (IndicatorView.Use use : uses) {
            for (String q : use.questions()) {
                readers.computeIfAbsent(q, k -> new TreeSet<>()).add(use.id());
            }
        }
        JsonArray warnings = new JsonArray();
        for (Question before : current.questions()) {
            Set<String> indicators = readers.get(before.name());
            if (indicators == null) {
                continue;
            }
            Text change = change(before, next.question(before.name()));
            if (change != null) {
                String list = String.join(", ", indicators);
                warnings.add(new JsonObject()
                        .put("question", before.name())
                        .put("indicators", new JsonArray(new ArrayList<>(indicators)))
                        .put("message", Responses.text(Text.of(
                                "Question '" + before.name() + "' " + change.get("en") + ". Indicators " + list + " read it and count"
                                        + " every version's answers together, so their scores would mix answers that mean"
                                        + " different things. Publish only if that is intended.",
                                "សំណួរ '" + before.name() + "' " + change.get("km") + "។ សូចនាករ " + list + " អានសំណួរនេះ ហើយរាប់"
                                        + "ចម្លើយនៃគ្រប់កំណែបញ្ចូលគ្នា ដូច្នេះពិន្ទុរបស់វានឹងលាយចម្លើយដែលមានអត្ថន័យខុសគ្នា។"
                                        + " សូមផ្សព្វផ្សាយតែក្នុងករណីដែលអ្នកចង់បានដូច្នេះប៉ុណ្ណោះ។"))));
            }
        }
        return warnings;
    }

    /** How a question changes in a way that alters what its answers mean, or null. */
    private static Text change(Question before, Question after) {
        if (after == null) {
            return Text.of("is removed", "ត្រូវបានដកចេញ");
        }
        if (before.type() != after.type()) {
            String types = before.type().code() + " → " + after.type().code();
            return Text.of("changes its type (" + types + ")", "ប្តូរប្រភេទរបស់វា (" + types + ")");
        }
        if (before.type().hasChoices()) {
            Set<String> was = codes(before);
            Set<String> is = codes(after);
            if (!was.equals(is)) {
                Set<String> removed = new LinkedHashSet<>(was);
                removed.removeAll(is);
                Set<String> added = new LinkedHashSet<>(is);
                added.removeAll(was);
                String detail = "removed: " + (removed.isEmpty() ? "none" : String.join(", ", removed))
                        + "; added: " + (added.isEmpty() ? "none" : String.join(", ", added));
                String detailKm = "ដកចេញ៖ " + (removed.isEmpty() ? "គ្មាន" : String.join(", ", removed))
                        + "; បន្ថែម៖ " + (added.isEmpty() ? "គ្មាន" : String.join(", ", added));
                return Text.of("changes its choice codes (" + detail + ")", "ប្តូរលេខកូដជម្រើសរបស់វា (" + detailKm + ")");
            }
        }
        if (before.calculation() != null && after.calculation() != null
                && !before.calculation().source().equals(after.calculation().source())) {
            return Text.of("changes its calculation from '" + before.calculation().source() + "' to '"
                    + after.calculation().source() + "'", "ប្តូរការគណនារបស់វាពី '" + before.calculation().source()
                    + "' ទៅ '" + after.calculation().source() + "'");
        }
        return null;
    }

    private static Set<String> codes(Question q) {
        Set<String> codes = new LinkedHashSet<>();
        q.choices().forEach(c -> codes.add(c.value()));
        return codes;
    }
}
