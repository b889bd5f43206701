package org.tonle.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.tonle.forms.CleanText;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.FormLoader;
import org.tonle.forms.Text;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * An organiser's request for a poll, checked field by field: either a shipped form ({@code formId})
 * or a few questions of its own ({@code questions}, {@code choices}) in the form definition
 * language, validated by the same loader as the shipped forms.
 */
final class PollRequest {

    private static final Set<String> KEYS = Set.of("title", "formId", "questions", "choices", "opensAt", "closesAt", "cap",
            "publicResults");
    private static final Duration DEFAULT_OPEN = Duration.ofDays(30);
    private static final Duration LONGEST = Duration.ofDays(366);

    private final JsonObject body;
    private final Text title;
    private final Instant opensAt;
    private final Instant closesAt;
    private final int cap;
    private final boolean publicResults;

    private PollRequest(JsonObject body, Text title, Instant opensAt, Instant closesAt, int cap, boolean publicResults) {
        this.body = body;
        this.title = title;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.cap = cap;
        this.publicResults = publicResults;
    }

    /** Checks everything but the questions themselves, which {@link #toPoll} loads. */
    static PollRequest parse(JsonObject body, FormCatalog catalog) {
        for (String key : body.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw invalid("unknown field '" + key + "'", "វាល '" + key + "' មិនស្គាល់");
            }
        }
        boolean shipped = body.containsKey("formId");
        if (shipped == body.containsKey("questions")) {
            throw invalid("give either 'formId' (a shipped form) or 'questions' (the poll's own)",
                    "សូមផ្ដល់ 'formId' (ទម្រង់បែបបទដែលមានស្រាប់) ឬ 'questions' (សំណួរផ្ទាល់របស់ការស្ទង់មតិ) តែមួយ");
        }
        if (shipped && (!(body.getValue("formId") instanceof String id) || catalog.form(id) == null)) {
            throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", String.valueOf(body.getValue("formId")));
        }
        if (!shipped && (!(body.getValue("questions") instanceof JsonArray qs) || qs.isEmpty() || qs.size() > PollService.MAX_QUESTIONS)) {
            throw invalid("'questions' must be a list of 1 to " + PollService.MAX_QUESTIONS + " questions",
                    "'questions' ត្រូវតែជាបញ្ជីសំណួរពី ១ ដល់ " + PollService.MAX_QUESTIONS);
        }
        Text title = title(body.getValue("title"), shipped ? catalog.form(body.getString("formId")).title() : null);
        Instant opensAt = instant(body.getValue("opensAt"), "opensAt", Instant.now());
        Instant closesAt = instant(body.getValue("closesAt"), "closesAt", opensAt.plus(DEFAULT_OPEN));
        if (!closesAt.isAfter(opensAt) || Duration.between(opensAt, closesAt).compareTo(LONGEST) > 0) {
            throw invalid("'closesAt' must be after 'opensAt' and at most a year later",
                    "'closesAt' ត្រូវតែនៅក្រោយ 'opensAt' ហើយមិនលើសពីមួយឆ្នាំ");
        }
        Object cap = body.getValue("cap");
        if (cap != null && (!(cap instanceof Integer c) || c < 1 || c > 10_000_000)) {
            throw invalid("'cap' must be a whole number of responses, at least 1", "'cap' ត្រូវតែជាចំនួនគត់ យ៉ាងហោចណាស់ ១");
        }
        Object pub = body.getValue("publicResults");
        if (pub != null && !(pub instanceof Boolean)) {
            throw invalid("'publicResults' must be true or false", "'publicResults' ត្រូវតែជា true ឬ false");
        }
        return new PollRequest(body, title, opensAt, closesAt, cap == null ? 0 : (Integer) cap, Boolean.TRUE.equals(pub));
    }

    /**
     * The poll, its own questions loaded and checked. The question limit counts every question,
     * inside groups too, so that nesting cannot multiply the work one answer costs.
     */
    Poll toPoll(String code, String owner, FormCatalog catalog) {
        boolean own = body.containsKey("questions");
        Form form = own ? load(code, definition(code)) : catalog.form(body.getString("formId"));
        if (own && form.questions().size() > PollService.MAX_QUESTIONS) {
            throw invalid("a poll has at most " + PollService.MAX_QUESTIONS + " questions in all, counting those inside groups,"
                    + " notes and calculations; this one has " + form.questions().size(),
                    "ការស្ទង់មតិមួយមានសំណួរយ៉ាងច្រើន " + PollService.MAX_QUESTIONS + " ក្នុងនោះរាប់ទាំងសំណួរក្នុងក្រុម កំណត់សម្គាល់ និងការគណនា។"
                    + " ការស្ទង់មតិនេះមាន " + form.questions().size());
        }
        return new Poll(code, owner, title, form, own, opensAt, closesAt, cap, publicResults);
    }

    /** The poll's own questions as a form definition; both languages are required. */
    JsonObject definition(String code) {
        return new JsonObject()
                .put("id", formId(code))
                .put("version", "1")
                .put("title", new JsonObject().put("en", title.get("en")).put("km", title.get("km")))
                .put("languages", new JsonObject().put("en", "reviewed").put("km", "reviewed"))
                .put("questions", body.getJsonArray("questions"))
                .put("choices", body.getValue("choices") instanceof JsonObject c ? c : new JsonObject());
    }

    /** Loads a poll's own definition with the same loader and rules as the shipped forms. */
    static Form load(String code, JsonObject definition) {
        String id = formId(code);
        // JSON is YAML, so the definition goes through the loader unchanged
        return FormLoader.load(Map.of(id + ".yaml", definition.encode())).get(id);
    }

    private static String formId(String code) {
        return "poll-" + code.toLowerCase(java.util.Locale.ROOT);
    }

    private static Text title(Object value, Text fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value instanceof JsonObject t && t.getValue("en") instanceof String en && !en.isBlank() && CleanText.isClean(en)
                && t.getValue("km") instanceof String km && !km.isBlank() && CleanText.isClean(km)) {
            return Text.of(en.strip(), java.text.Normalizer.normalize(km.strip(), java.text.Normalizer.Form.NFC));
        }
        throw invalid("'title' must give the poll's name in English and Khmer: {\"en\": \"...\", \"km\": \"...\"}",
                "'title' ត្រូវតែមានឈ្មោះការស្ទង់មតិជាភាសាអង់គ្លេស និងខ្មែរ");
    }

    private static Instant instant(Object value, String name, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse((String) value).toInstant();
        } catch (ClassCastException | DateTimeParseException e) {
            throw invalid("'" + name + "' must be a date and time such as 2026-12-01T08:00:00+07:00",
                    "'" + name + "' ត្រូវតែជាកាលបរិច្ឆេទ និងម៉ោង ដូចជា 2026-12-01T08:00:00+07:00");
        }
    }

    private static Problem invalid(String en, String km) {
        return new Problem(ProblemCode.POLL_INVALID, Map.of("reason", en, "reason_km", km), java.util.List.of());
    }
}
