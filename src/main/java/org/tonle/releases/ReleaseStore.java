package org.tonle.releases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.tonle.store.DuplicateKeys;

/**
 * Releases in the database, read and written by their keys only (the embedded store has no other
 * real index). A release is a header ({@code releases}, {@code _id} its number) and one document per
 * indicator ({@code release_tables}, {@code _id} {@code <number>/<indicator>}).
 *
 * <p>Without transactions: the header is inserted first, as {@code building}; its {@code _id} lets one
 * process take each number, so two admins releasing at once through two processes get one release
 * and one refusal. Then the tables, then the header is marked {@code complete}: only complete
 * releases are served, and nothing of one changes afterwards.
 */
final class ReleaseStore {

    static final String HEADERS = "releases";
    static final String TABLES = "release_tables";
    static final String BUILDING = "building";
    static final String COMPLETE = "complete";
    static final String ABANDONED = "abandoned";

    private final MongoClient mongo;

    ReleaseStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** Every release's header without its scorecard, newest first (there are few: one per publication). */
    Future<List<JsonObject>> headers() {
        return mongo.findWithOptions(HEADERS, new JsonObject(), new FindOptions()
                .setFields(new JsonObject().put("indicators", 0)).setSort(new JsonObject().put("_id", -1)));
    }

    Future<JsonObject> header(int number) {
        return mongo.findOne(HEADERS, new JsonObject().put("_id", number), null);
    }

    /** Takes the header's number; false when another process took it first. */
    Future<Boolean> claim(JsonObject header) {
        return mongo.insert(HEADERS, header).map(id -> true)
                .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    Future<Void> insertTables(List<JsonObject> documents) {
        return mongo.bulkWriteWithOptions(TABLES, documents.stream().map(BulkOperation::createInsert).toList(),
                new BulkWriteOptions(true)).mapEmpty();
    }

    /** Moves a header from {@code building} to {@code state}; false if it was not building any more. */
    Future<Boolean> finish(int number, String state) {
        return mongo.updateCollection(HEADERS, new JsonObject().put("_id", number).put("state", BUILDING),
                new JsonObject().put("$set", new JsonObject().put("state", state))).map(r -> r.getDocModified() == 1);
    }

    /** One indicator of a release, as published: without the bases. */
    Future<JsonObject> published(int number, String indicator) {
        return mongo.findOne(TABLES, new JsonObject().put("_id", ReleasedIndicator.documentId(number, indicator)),
                new JsonObject().put("basis", 0));
    }

    /** Every indicator of a release, bases included: what the next release is compared with. */
    Future<List<JsonObject>> all(int number, List<String> indicators) {
        JsonArray ids = new JsonArray(indicators.stream().map(i -> (Object) ReleasedIndicator.documentId(number, i)).toList());
        return mongo.find(TABLES, new JsonObject().put("_id", new JsonObject().put("$in", ids)));
    }
}
