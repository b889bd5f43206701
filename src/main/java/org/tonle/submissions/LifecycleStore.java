package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.tonle.store.DuplicateKeys;

/**
 * What the data lifecycle reads and writes besides the submissions' first storing: changes made
 * with a compare-and-set on each submission's revision ({@code rev}), the answers of earlier
 * versions ({@code submission_versions}), instance ids that replaced others ({@code submission_aliases}).
 */
final class LifecycleStore {

    static final String VERSIONS = "submission_versions";
    static final String ALIASES = "submission_aliases";
    /** What a review or deletion needs of a submission: everything but the answers. */
    private static final JsonObject WITHOUT_ANSWERS = new JsonObject().put("answers", 0);

    private final MongoClient mongo;

    LifecycleStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** The form's submissions (in the trash or not) that the selection names, without their answers. */
    Future<List<JsonObject>> select(String formId, Selection selection, boolean trash) {
        JsonObject query = selection.query().put("formId", formId).put("deleted", new JsonObject().put("$exists", trash))
                .put("purged", new JsonObject().put("$exists", false));
        return mongo.findWithOptions(SubmissionStore.COLLECTION, query, new FindOptions().setFields(WITHOUT_ANSWERS));
    }

    /**
     * Who submitted to a form ({@code {id, username}}), leaving out the trash; {@code team} non-null
     * limits it to those accounts.
     */
    Future<List<JsonObject>> submitters(String formId, Set<String> team) {
        JsonObject query = new JsonObject().put("formId", formId).put("deleted", new JsonObject().put("$exists", false))
                .put("purged", new JsonObject().put("$exists", false)).put("submittedBy", new JsonObject().put("$exists", true));
        if (team != null) {
            query.put("submittedBy.id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(team))));
        }
        return mongo.distinctWithQuery(SubmissionStore.COLLECTION, "submittedBy", JsonObject.class.getName(), query).map(found -> {
            List<JsonObject> list = new ArrayList<>();
            found.forEach(s -> list.add((JsonObject) s));
            list.sort(Comparator.comparing(s -> s.getString("username", "")));
            return list;
        });
    }

    /** One submission by an instance id it has or had (a correction sent as a new submission names a new one). */
    Future<JsonObject> byInstance(String formId, String instanceId) {
        return mongo.findOne(SubmissionStore.COLLECTION, new JsonObject().put("formId", formId).put("instanceId", instanceId), null)
                .compose(found -> found != null ? Future.succeededFuture(found)
                        : mongo.findOne(ALIASES, new JsonObject().put("_id", aliasKey(formId, instanceId)), null).compose(alias ->
                                alias == null ? Future.succeededFuture(null)
                                        : mongo.findOne(SubmissionStore.COLLECTION, new JsonObject().put("_id", alias.getString("submission")), null)));
    }

    /**
     * Applies each change if its submission is still at the revision it was read at; answers how
     * many were applied (the rest changed meanwhile, or the store refused).
     */
    Future<Integer> write(List<Change> changes) {
        if (changes.isEmpty()) {
            return Future.succeededFuture(0);
        }
        List<BulkOperation> updates = changes.stream().map(c -> BulkOperation.createUpdate(c.filter(), c.update(), false, false)).toList();
        return mongo.bulkWriteWithOptions(SubmissionStore.COLLECTION, updates, new BulkWriteOptions(false))
                .map(r -> (int) r.getModifiedCount());
    }

    /** One change of one submission: what to set and remove, and the step of its counting history to append (or null). */
    record Change(JsonObject submission, JsonObject set, List<String> unset, JsonObject step) {
        JsonObject filter() {
            Long rev = submission.getLong("rev");
            return new JsonObject().put("_id", submission.getString("_id"))
                    .put("rev", rev == null ? new JsonObject().put("$exists", false) : rev);
        }

        JsonObject update() {
            JsonObject update = new JsonObject().put("$set", set.copy().put("rev", submission.getLong("rev", 0L) + 1));
            if (!unset.isEmpty()) {
                JsonObject fields = new JsonObject();
                unset.forEach(f -> fields.put(f, ""));
                update.put("$unset", fields);
            }
            if (step != null) {
                update.put("$push", new JsonObject().put("counts", step));
            }
            return update;
        }
    }

    /** Keeps versions of a submission's answers (a retried correction finds them kept already). */
    Future<Void> keepVersions(List<JsonObject> versions) {
        List<BulkOperation> inserts = versions.stream().map(BulkOperation::createInsert).toList();
        return mongo.bulkWriteWithOptions(VERSIONS, inserts, new BulkWriteOptions(false)).<Void>mapEmpty()
                .recover(e -> DuplicateKeys.positions(e).mapEmpty());
    }

    Future<List<JsonObject>> versions(String submissionId) {
        return mongo.findWithOptions(VERSIONS, new JsonObject().put("submission", submissionId),
                new FindOptions().setSort(new JsonObject().put("version", 1)));
    }

    /** Claims an instance id for a correction sent as a new submission; false if it is taken already. */
    Future<Boolean> claimAlias(String formId, String instanceId, String submissionId) {
        return mongo.insert(ALIASES, new JsonObject().put("_id", aliasKey(formId, instanceId)).put("submission", submissionId))
                .map(id -> true).recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    Future<JsonObject> alias(String formId, String instanceId) {
        return mongo.findOne(ALIASES, new JsonObject().put("_id", aliasKey(formId, instanceId)), null);
    }

    /** The submissions in the trash since before {@code before} (ids, forms, instance ids). */
    Future<List<JsonObject>> expired(Instant before) {
        return mongo.findWithOptions(SubmissionStore.COLLECTION, new JsonObject().put("deleted.at",
                new JsonObject().put("$lt", new JsonObject().put("$date", before.toString()))).put("purged", new JsonObject().put("$exists", false)),
                new FindOptions().setFields(new JsonObject().put("formId", 1).put("instanceId", 1).put("agg", 1).put("counts", 1)));
    }

    /**
     * Removes a submission's answers for good, with its kept versions. What remains is a tombstone:
     * its instance ids stay taken (a phone's very late retry is still a duplicate) and its counting
     * history stays, which now adds nothing anywhere.
     */
    Future<Void> remove(JsonObject submission) {
        String id = submission.getString("_id");
        JsonObject tombstone = new JsonObject().put("$unset", new JsonObject().put("answers", "").put("submittedBy", "")
                .put("review", "").put("correction", "").put("collectedAt", "").put("design", ""))
                .put("$set", new JsonObject().put("purged", new JsonObject().put("at", Instant.now().toString())));
        return mongo.removeDocuments(VERSIONS, new JsonObject().put("submission", id))
                .compose(v -> mongo.updateCollection(SubmissionStore.COLLECTION, new JsonObject().put("_id", id), tombstone)).mapEmpty();
    }

    static String aliasKey(String formId, String instanceId) {
        return formId + "/" + instanceId;
    }

    static List<String> ids(List<JsonObject> docs) {
        List<String> ids = new ArrayList<>();
        docs.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
