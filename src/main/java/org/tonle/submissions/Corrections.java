package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tonle.audit.Audit;
import org.tonle.forms.Form;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * New versions of a submission's answers: validated exactly like a new submission (against the form
 * version it was made with), calculations redone by the server. The version being replaced is kept
 * first, with who made it, when, why and what it changed, so that a crash in between loses nothing
 * and the indicators can always take away exactly what that version added.
 */
final class Corrections {

    private static final int ATTEMPTS = 5;

    private final Lifecycle lifecycle;
    private final FormVersions forms;
    private final Audit audit;

    Corrections(Lifecycle lifecycle, FormVersions forms, Audit audit) {
        this.lifecycle = lifecycle;
        this.forms = forms;
        this.audit = audit;
    }

    /**
     * Corrects {@code doc} with {@code raw} answers; {@code newInstanceId} (a phone's correction
     * sent as a new submission) becomes its instance id. Answers the corrected submission.
     */
    Future<JsonObject> correct(Form current, JsonObject doc, Map<String, Object> raw, String comment, Audit.Actor who,
            String newInstanceId) {
        return forms.resolve(current, doc.getString("formVersion")).compose(made -> {
            AnswerValidator.Result result = AnswerValidator.validate(made, raw, Instant.now());
            if (!result.valid()) {
                return Future.failedFuture(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), result.problems()));
            }
            return attempt(current.id(), doc, SubmissionService.storedAnswers(result.answers()), comment, who, newInstanceId, 1);
        });
    }

    private Future<JsonObject> attempt(String formId, JsonObject doc, JsonObject answers, String comment, Audit.Actor who,
            String newInstanceId, int attempt) {
        if (doc.containsKey("deleted")) {
            return Future.failedFuture(Problem.of(ProblemCode.SUBMISSION_IN_TRASH, "instanceId", doc.getString("instanceId")));
        }
        JsonArray changes = changes(doc.getJsonObject("answers"), answers);
        JsonObject set = new JsonObject().put("correction", new JsonObject().put("at", Instant.now().toString())
                .put("by", who.username()).put("comment", comment).put("changes", changes));
        if (newInstanceId != null) {
            set.put("currentInstanceId", newInstanceId)
                    .put("aliases", doc.getJsonArray("aliases", new JsonArray()).copy().add(newInstanceId));
        }
        return lifecycle.store().keepVersions(List.of(kept(doc))).compose(v -> lifecycle.correct(formId, doc, answers, set))
                .compose(applied -> {
                    if (applied) {
                        return audit.record(who, "submission.correct", target(doc), new JsonObject().put("version",
                                doc.getInteger("version", 1)), new JsonObject().put("version", doc.getInteger("version", 1) + 1)
                                .put("changes", changes).put("comment", comment))
                                .compose(x -> lifecycle.store().byInstance(formId, doc.getString("instanceId")));
                    }
                    if (attempt >= ATTEMPTS) {
                        return Future.failedFuture(new IllegalStateException("submission " + doc.getString("_id") + " kept changing"));
                    }
                    return lifecycle.store().byInstance(formId, doc.getString("instanceId"))
                            .compose(fresh -> attempt(formId, fresh, answers, comment, who, newInstanceId, attempt + 1));
                });
    }

    /** The version about to be replaced, as kept apart: its answers and who made it, when, why, what it changed. */
    static JsonObject kept(JsonObject doc) {
        int version = doc.getInteger("version", 1);
        JsonObject made = doc.getJsonObject("correction");
        if (made == null) {
            JsonObject by = doc.getJsonObject("submittedBy", new JsonObject());
            Object received = doc.getValue("receivedAt");
            made = new JsonObject().put("at", received instanceof JsonObject d ? d.getString("$date") : received)
                    .put("by", by.getString("username")).putNull("comment").put("changes", new JsonArray());
        }
        return new JsonObject().put("_id", doc.getString("_id") + ":" + version).put("submission", doc.getString("_id"))
                .put("formId", doc.getString("formId")).put("version", version).put("formVersion", doc.getString("formVersion"))
                .put("answers", doc.getJsonObject("answers")).put("made", made);
    }

    /** Every version with who made it, when, why and what changed (old → new); the current one last. */
    Future<JsonArray> versions(JsonObject doc) {
        return lifecycle.store().versions(doc.getString("_id")).map(kept -> {
            JsonArray list = new JsonArray();
            kept.stream().filter(v -> v.getInteger("version") < doc.getInteger("version", 1))
                    .forEach(v -> list.add(entry(v.getInteger("version"), v.getJsonObject("made"), false)));
            list.add(entry(doc.getInteger("version", 1), kept(doc).getJsonObject("made"), true));
            return list;
        });
    }

    private static JsonObject entry(int version, JsonObject made, boolean current) {
        return new JsonObject().put("version", version).put("current", current).put("at", made.getValue("at"))
                .put("by", made.getValue("by")).put("comment", made.getValue("comment"))
                .put("changes", made.getJsonArray("changes", new JsonArray()));
    }

    /** The fields whose answer differs: {@code [{field, old, new}]}, in name order. */
    static JsonArray changes(JsonObject before, JsonObject after) {
        TreeSet<String> fields = new TreeSet<>(before.fieldNames());
        fields.addAll(after.fieldNames());
        JsonArray changes = new JsonArray();
        for (String field : fields) {
            Object old = before.getValue(field);
            Object now = after.getValue(field);
            if (!java.util.Objects.equals(old, now)) {
                changes.add(new JsonObject().put("field", field).put("old", old).put("new", now));
            }
        }
        return changes;
    }

    static JsonObject target(JsonObject doc) {
        return new JsonObject().put("formId", doc.getString("formId")).put("instanceId", doc.getString("instanceId"));
    }

    static List<String> ids(List<JsonObject> docs) {
        return new ArrayList<>(LifecycleStore.ids(docs));
    }
}
