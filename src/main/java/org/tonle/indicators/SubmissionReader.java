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

/**
 * What the indicators read of the stored submissions: always by {@code _id}, the one index every
 * store maintains, so that neither recovery nor a recount ever asks the embedded store to scan
 * with a filter.
 */
final class SubmissionReader {

    static final String COLLECTION = "submissions";
    private static final JsonObject FIELDS = new JsonObject().put("formId", 1).put("answers", 1).put("weight", 1).put("agg", 1)
            .put("design", 1);

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

    /** Those of these submissions that are stored and belong to batch {@code batchId}. */
    Future<List<JsonObject>> ofBatch(String batchId, List<String> ids) {
        return byIds(ids).map(docs -> {
            docs.removeIf(d -> !batchId.equals(d.getString("agg")));
            return docs;
        });
    }
}
