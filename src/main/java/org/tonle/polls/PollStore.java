package org.tonle.polls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import org.tonle.store.AppliedWrites;

/**
 * Polls ({@code polls}, keyed by share code) and their responses ({@code poll_responses}). The
 * unique indexes are the rules: one response per respondent token, one per instanceId.
 */
public final class PollStore {

    static final String POLLS = "polls";
    static final String RESPONSES = "poll_responses";

    private final MongoClient mongo;
    private final boolean secondaryIndexes;
    private final boolean orderedCommits;

    /**
     * @param secondaryIndexes whether the store maintains non-unique indexes (MongoDB does, the embedded store does not)
     * @param orderedCommits whether every durable write also makes every write before it durable (the embedded store)
     */
    public PollStore(MongoClient mongo, boolean secondaryIndexes, boolean orderedCommits) {
        this.mongo = mongo;
        this.secondaryIndexes = secondaryIndexes;
        this.orderedCommits = orderedCommits;
    }

    Future<Void> ensureIndexes() {
        return mongo.createIndexWithOptions(RESPONSES, new JsonObject().put("poll", 1).put("respondent", 1),
                        new IndexOptions().unique(true).name("one_per_respondent"))
                .compose(v -> mongo.createIndexWithOptions(RESPONSES, new JsonObject().put("poll", 1).put("instanceId", 1),
                        new IndexOptions().unique(true).name("poll_instance")))
                .compose(v -> secondaryIndexes ? mongo.createIndex(POLLS, new JsonObject().put("owner", 1)) : Future.succeededFuture());
    }

    /** Fails with a duplicate-key error if the code is taken. */
    Future<Void> insertPoll(JsonObject doc) {
        return mongo.insert(POLLS, doc).mapEmpty();
    }

    Future<JsonObject> poll(String code) {
        return mongo.findOne(POLLS, new JsonObject().put("_id", code), null);
    }

    Future<List<JsonObject>> pollsOf(String owner) {
        JsonObject query = owner == null ? new JsonObject() : new JsonObject().put("owner", owner);
        return mongo.findWithOptions(POLLS, query, new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(500));
    }

    /**
     * Takes one of the poll's places; false when it is full. Without a cap it only counts. On the
     * embedded store the place is taken with {@code {w: 1}}: the response's insert that follows is
     * durable and commits it with itself, so an answer costs one commit instead of two (a poll
     * surge was two commits per answer). A crash between the two leaves the place free, or, if
     * another write's commit took it to disk, taken by nobody, as a crash after a durable place did.
     */
    Future<Boolean> reserve(String code, int cap) {
        JsonObject query = new JsonObject().put("_id", code);
        if (cap > 0) {
            query.put("responses", new JsonObject().put("$lt", cap));
        }
        JsonObject inc = new JsonObject().put("$inc", new JsonObject().put("responses", 1));
        if (!orderedCommits) {
            return mongo.updateCollectionWithOptions(POLLS, query, inc, new UpdateOptions()).map(r -> r.getDocMatched() == 1);
        }
        JsonObject update = new JsonObject().put("update", POLLS)
                .put("updates", new io.vertx.core.json.JsonArray().add(new JsonObject().put("q", query).put("u", inc)));
        return AppliedWrites.run(mongo, "update", update, "place not taken").map(reply -> reply.getInteger("n", 0) == 1);
    }

    Future<Void> release(String code) {
        return mongo.updateCollection(POLLS, new JsonObject().put("_id", code),
                new JsonObject().put("$inc", new JsonObject().put("responses", -1))).mapEmpty();
    }

    /** Fails with a duplicate-key error for a second response of a respondent or a reused instanceId. */
    Future<Void> insertResponse(JsonObject doc) {
        return mongo.insert(RESPONSES, doc).mapEmpty();
    }

    Future<JsonObject> response(String code, String field, String value) {
        return mongo.findOne(RESPONSES, new JsonObject().put("poll", code).put(field, value), null);
    }

    /**
     * Stores the public results of a poll, counted from {@code count} answers, if no other process
     * published since the publication of {@code before} answers was read; false if one did.
     */
    Future<Boolean> publish(String code, int before, JsonObject results, int count) {
        JsonObject query = new JsonObject().put("_id", code);
        query.put("publishedCount", before == 0 ? new JsonObject().put("$in", new io.vertx.core.json.JsonArray().addNull().add(0)) : before);
        JsonObject set = new JsonObject().put("published", results).put("publishedCount", count);
        return mongo.updateCollection(POLLS, query, new JsonObject().put("$set", set)).map(r -> r.getDocModified() == 1);
    }

    Future<List<JsonObject>> answers(String code) {
        return mongo.findWithOptions(RESPONSES, new JsonObject().put("poll", code),
                new FindOptions().setFields(new JsonObject().put("answers", 1).put("_id", 0)));
    }
}
