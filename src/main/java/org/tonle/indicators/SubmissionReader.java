package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the indicators read of the stored submissions: always by {@code _id}, the one index every
 * store maintains, so that neither recovery nor a recount ever asks the embedded store to scan
 * with a filter.
 */
final class SubmissionReader {

    static final String COLLECTION = "submissions";
    static final String VERSIONS = "submission_versions";
    private static final JsonObject FIELDS = new JsonObject().put("formId", 1).put("answers", 1).put("weight", 1).put("agg", 1)
            .put("design", 1).put("counted", 1).put("counts", 1).put("version", 1).put("purged", 1);

    private final MongoClient mongo;

    SubmissionReader(MongoClient mongo) {
        this.mongo = mongo;
    }

    /**
     * How many submissions are stored, from the collection's metadata (the {@code count} command
     * without a filter): countDocuments would read every document, over 30 s at a million here.
     */
    Future<Long> count() {
        return mongo.runCommand("count", new JsonObject().put("count", COLLECTION)).map(r -> r.getNumber("n").longValue());
    }

    /**
     * The id of every stored submission. Only ids: the embedded store holds a query's whole result
     * in memory, and a million whole submissions do not fit in 4 GB, while their ids take tens of MB.
     */
    Future<List<String>> ids() {
        Promise<List<String>> done = Promise.promise();
        List<String> ids = new ArrayList<>();
        ReadStream<JsonObject> stream = mongo.findBatchWithOptions(COLLECTION, new JsonObject(),
                new FindOptions().setFields(new JsonObject().put("_id", 1)).setBatchSize(10_000));
        stream.exceptionHandler(done::tryFail).endHandler(v -> done.tryComplete(ids)).handler(doc -> ids.add(doc.getString("_id")));
        return done.future();
    }

    /** The form, answers, weight and batch of these submissions. */
    Future<List<JsonObject>> byIds(List<String> ids) {
        return mongo.findWithOptions(COLLECTION, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(ids)))),
                new FindOptions().setFields(FIELDS));
    }

    /**
     * The answers of the earlier versions that these submissions' histories count, by
     * {@link #versionKey}: looked up by {@code _id} in the versions kept apart; none for the usual
     * submission that was never corrected.
     */
    Future<Map<String, JsonObject>> versions(List<JsonObject> submissions) {
        JsonArray keys = new JsonArray();
        for (JsonObject doc : submissions) {
            History.olderVersions(doc, History.of(doc)).forEach(v -> keys.add(versionKey(doc.getString("_id"), v)));
        }
        if (keys.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return mongo.findWithOptions(VERSIONS, new JsonObject().put("_id", new JsonObject().put("$in", keys)),
                new FindOptions().setFields(new JsonObject().put("answers", 1))).map(found -> {
                    Map<String, JsonObject> answers = new java.util.HashMap<>();
                    found.forEach(v -> answers.put(v.getString("_id"), v.getJsonObject("answers")));
                    return answers;
                });
    }

    /** The key of version {@code version} of submission {@code submissionId} in the versions kept apart. */
    static String versionKey(String submissionId, int version) {
        return submissionId + ":" + version;
    }
}
