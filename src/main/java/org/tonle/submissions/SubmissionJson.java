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
        if (stored.getString("currentInstanceId") != null) {
            // a correction sent from a phone gave the submission a new instance id
            stored = stored.copy().put("instanceId", stored.getString("currentInstanceId"));
        }
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
        view.put("version", stored.getInteger("version", 1));
        view.put("review", review(stored));
        JsonObject deleted = stored.getJsonObject("deleted");
        if (deleted != null) {
            view.put("deleted", new JsonObject().put("at", date(deleted.getValue("at")))
                    .put("by", deleted.getJsonObject("by", new JsonObject()).getString("username")));
        }
        return view;
    }

    /** {@code {state, comment, by, at}}: received (and nothing else) until someone reviews it. */
    static JsonObject review(JsonObject stored) {
        JsonObject review = stored.getJsonObject("review");
        if (review == null) {
            return new JsonObject().put("state", ReviewState.RECEIVED.code()).putNull("comment").putNull("by").putNull("at");
        }
        return new JsonObject().put("state", review.getString("state")).put("comment", review.getString("comment"))
                .put("by", review.getJsonObject("by", new JsonObject()).getString("username")).put("at", review.getString("at"));
    }

    private static Object date(Object value) {
        return value instanceof JsonObject o && o.containsKey("$date") ? o.getValue("$date") : value;
    }

    /** Only the date of a timestamp, e.g. "2026-11-29". */
    private static Object day(Object timestamp, boolean restricted) {
        return restricted && timestamp instanceof String s && s.length() >= 10 ? s.substring(0, 10) : timestamp;
    }
}
