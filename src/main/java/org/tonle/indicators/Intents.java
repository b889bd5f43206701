package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tonle.store.AppliedWrites;

/**
 * The {@code agg_intents} collection: one record per batch, written before the batch's
 * submissions are stored and deleted once the batch is in every table it touches. What a crash
 * leaves here is what still has to be added. A batch that failed to be added many times in a row
 * is marked {@code parked} with the reason (for an admin to see) and retried less often, while
 * the batches after it go on.
 */
final class Intents {

    static final String COLLECTION = "agg_intents";

    private final MongoClient mongo;
    private final boolean orderedCommits;

    /**
     * @param orderedCommits whether every durable write also makes every write before it durable
     *     (the embedded store: one commit log, committed in order). There an intent need only be
     *     applied, not on disk, before its batch is stored: the batch's own commit takes it along,
     *     so ingesting costs one commit instead of two. On MongoDB the intent is majority-written
     *     like everything else, so that a failover between the two writes cannot lose it.
     */
    Intents(MongoClient mongo, boolean orderedCommits) {
        this.mongo = mongo;
        this.orderedCommits = orderedCommits;
    }

    Future<Void> write(BatchId batch, List<String> submissionIds) {
        JsonObject intent = new JsonObject().put("_id", batch.toString()).put("slot", batch.writer().slot())
                .put("epoch", batch.writer().epoch()).put("seq", batch.seq())
                .put("submissions", new JsonArray(new ArrayList<>(submissionIds)))
                .put("createdAt", new JsonObject().put("$date", Instant.now().toString()));
        if (!orderedCommits) {
            return mongo.insert(COLLECTION, intent).mapEmpty();
        }
        JsonObject insert = new JsonObject().put("insert", COLLECTION).put("documents", new JsonArray().add(intent));
        return AppliedWrites.run(mongo, "insert", insert, "intent not written").mapEmpty();
    }

    Future<JsonObject> find(String batchId) {
        return mongo.findOne(COLLECTION, new JsonObject().put("_id", batchId), null);
    }

    Future<List<JsonObject>> all() {
        return mongo.find(COLLECTION, new JsonObject());
    }

    Future<Void> delete(Collection<String> batchIds) {
        return mongo.removeDocuments(COLLECTION, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(batchIds)))))
                .mapEmpty();
    }

    /** Marks batches as parked: they keep failing to be added, for this reason. */
    Future<Void> park(Collection<String> batchIds, String reason, int attempts) {
        return mongo.updateCollectionWithOptions(COLLECTION, new JsonObject().put("_id", new JsonObject().put("$in",
                new JsonArray(new ArrayList<>(batchIds)))), new JsonObject().put("$set", new JsonObject().put("parked",
                new JsonObject().put("reason", reason).put("attempts", attempts).put("at", Instant.now().toString()))),
                new io.vertx.ext.mongo.UpdateOptions().setMulti(true)).mapEmpty();
    }

    /** Batches that keep failing to be added. */
    Future<List<JsonObject>> parked() {
        return mongo.find(COLLECTION, new JsonObject().put("parked", new JsonObject().put("$exists", true)));
    }

    /** The ids of the submissions named by an intent. */
    static List<String> submissionIds(JsonObject intent) {
        List<String> ids = new ArrayList<>();
        intent.getJsonArray("submissions", new JsonArray()).forEach(id -> ids.add((String) id));
        return ids;
    }
}
