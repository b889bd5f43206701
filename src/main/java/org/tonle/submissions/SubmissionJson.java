package org.tonle.submissions;

import io.vertx.core.json.JsonObject;

/** How a stored submission is shown to API clients (no internal ids or hashes). */
final class SubmissionJson {

    private SubmissionJson() {
    }

    static JsonObject view(JsonObject stored) {
        JsonObject view = new JsonObject()
                .put("instanceId", stored.getString("instanceId"))
                .put("formId", stored.getString("formId"))
                .put("formVersion", stored.getString("formVersion"))
                .put("answers", stored.getJsonObject("answers"))
                .put("weight", stored.getValue("weight"))
                .put("receivedAt", date(stored.getValue("receivedAt")));
        Object collectedAt = stored.getValue("collectedAt");
        if (collectedAt != null) {
            view.put("collectedAt", date(collectedAt));
        }
        return view;
    }

    private static Object date(Object value) {
        return value instanceof JsonObject o && o.containsKey("$date") ? o.getValue("$date") : value;
    }
}
