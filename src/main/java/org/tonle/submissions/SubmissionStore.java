package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Set;
import org.tonle.store.DuplicateKeys;

/**
 * The submissions collection. One document per (formId, instanceId), guaranteed by a unique index,
 * so a retried submission can never be stored twice, whichever server process receives it.
 */
public final class SubmissionStore {

    static final String COLLECTION = "submissions";

    private final MongoClient mongo;
    private final boolean secondaryIndexes;

    /**
     * @param secondaryIndexes whether the store maintains non-unique indexes (MongoDB does; the
     *     embedded store accepts them but only ever scans, so they are not created there)
     */
    public SubmissionStore(MongoClient mongo, boolean secondaryIndexes) {
        this.mongo = mongo;
        this.secondaryIndexes = secondaryIndexes;
    }

    public Future<Void> ensureIndexes() {
        Future<Void> unique = mongo.createIndexWithOptions(COLLECTION,
                new JsonObject().put("formId", 1).put("instanceId", 1), new IndexOptions().unique(true).name("form_instance"));
        if (!secondaryIndexes) {
            return unique;
        }
        return unique.compose(v -> mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("formId", 1).put("_id", 1),
                new IndexOptions().name("form_order")));
    }

    /**
     * Inserts all documents (unordered: one duplicate does not stop the rest) and answers the
     * positions that were refused because their (formId, instanceId) is already stored.
     * Any other write error fails the whole call; nothing in it was acknowledged.
     */
    public Future<Set<Integer>> insertAll(List<JsonObject> documents) {
        if (documents.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        Future<?> write = documents.size() == 1
                ? mongo.insert(COLLECTION, documents.get(0))
                : mongo.bulkWriteWithOptions(COLLECTION, documents.stream().map(BulkOperation::createInsert).toList(),
                        new BulkWriteOptions(false));
        return write.<Set<Integer>>map(r -> Set.of()).recover(DuplicateKeys::positions);
    }

    public Future<JsonObject> find(String formId, String instanceId) {
        return mongo.findOne(COLLECTION, new JsonObject().put("formId", formId).put("instanceId", instanceId), null);
    }

    /**
     * Stored submissions of a form that the selection names, in the order received (or newest
     * first), after the document id {@code afterId} in that order, leaving out the trash.
     */
    Future<List<JsonObject>> page(String formId, Selection selection, String afterId, int limit, boolean newestFirst) {
        JsonObject query = selection.query().put("formId", formId).put("deleted", new JsonObject().put("$exists", false));
        if (afterId != null) {
            query.put("_id", new JsonObject().put(newestFirst ? "$lt" : "$gt", afterId));
        }
        return mongo.findWithOptions(COLLECTION, query,
                new FindOptions().setSort(new JsonObject().put("_id", newestFirst ? -1 : 1)).setLimit(limit));
    }

    public Future<Void> ping() {
        return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
    }
}
