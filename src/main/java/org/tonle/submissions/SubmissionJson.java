package org.tonle.submissions;

import io.vertx.core.json.JsonObject;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;

/**
 * How a stored submission is shown to API clients (no internal ids or hashes). For a form with a
 * restricted export (children's data) free-text answers, the interviewer and the time of day are
 * left out.
 */
final class SubmissionJson {

    private SubmissionJson() {
    }

    static JsonObject view(JsonObject stored, Form form) {
        boolean restricted = form.restrictedExport();
        JsonObject answers = stored.getJsonObject("answers").copy();
        if (restricted) {
            answers.fieldNames().removeIf(name -> {
                Question q = form.question(name);
                return q == null || q.type() == QuestionType.TEXT;
            });
        }
        JsonObject view = new JsonObject()
                .put("instanceId", stored.getString("instanceId"))
                .put("formId", stored.getString("formId"))
                .put("formVersion", stored.getString("formVersion"))
                .put("answers", answers)
                .put("weight", stored.getValue("weight"))
                .put("receivedAt", day(date(stored.getValue("receivedAt")), restricted));
        Object collectedAt = stored.getValue("collectedAt");
        if (collectedAt != null) {
            view.put("collectedAt", day(date(collectedAt), restricted));
        }
        JsonObject by = stored.getJsonObject("submittedBy");
        if (by != null && !restricted) {
            view.put("submittedBy", by.getString("username"));
        }
        return view;
    }

    private static Object date(Object value) {
        return value instanceof JsonObject o && o.containsKey("$date") ? o.getValue("$date") : value;
    }

    /** Only the date of a timestamp, e.g. "2026-11-29". */
    private static Object day(Object timestamp, boolean restricted) {
        return restricted && timestamp instanceof String s && s.length() >= 10 ? s.substring(0, 10) : timestamp;
    }
}
