package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/**
 * The {@code agg_refused} collection: stored submissions whose contribution the tables refused
 * because a number in it is not finite (a weight whose square overflows, say). They stay stored and
 * are counted nowhere, so the tables stay finite; an admin sees them here.
 */
final class RefusedSubmissions {

    static final String COLLECTION = "agg_refused";
    private static final int LISTED = 1_000;

    private final MongoClient mongo;

    RefusedSubmissions(MongoClient mongo) {
        this.mongo = mongo;
    }

    Future<Void> record(String batchId, List<String> submissionIds) {
        if (submissionIds.isEmpty()) {
            return Future.succeededFuture();
        }
        String at = Instant.now().toString();
        List<BulkOperation> upserts = submissionIds.stream().map(id -> BulkOperation.createUpdate(new JsonObject().put("_id", id),
                new JsonObject().put("$setOnInsert", new JsonObject().put("batch", batchId).put("reason", "not_finite").put("at", at)),
                true, false)).toList();
        return mongo.bulkWriteWithOptions(COLLECTION, upserts, new BulkWriteOptions(false)).mapEmpty();
    }

    /** The first {@value #LISTED} refused submissions. */
    Future<List<JsonObject>> list() {
        return mongo.findWithOptions(COLLECTION, new JsonObject(), new FindOptions().setLimit(LISTED));
    }
}
