package org.tonle.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * The audit log ({@code audit}): who did what, when, from which address, with the state before and
 * after where it applies. Append-only: nothing in the API edits or deletes an entry. Entries are
 * ordered by their ObjectId (time first), which is also the cursor of a page.
 */
public final class Audit {

    static final String COLLECTION = "audit";

    /** Who acted: an account (id, username, role) and the address the request came from. */
    public record Actor(String id, String username, String role, String address) {
        JsonObject json() {
            return new JsonObject().put("id", id).put("username", username).put("role", role).put("address", address);
        }
    }

    private final MongoClient mongo;

    public Audit(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** Records an action; {@code target} says on what, {@code before}/{@code after} may be null. */
    public Future<Void> record(Actor actor, String action, JsonObject target, JsonObject before, JsonObject after) {
        JsonObject entry = new JsonObject().put("_id", new ObjectId().toHexString()).put("at", new JsonObject().put("$date", Instant.now().toString()))
                .put("actor", actor.json()).put("action", action).put("target", target);
        if (before != null) {
            entry.put("before", before);
        }
        if (after != null) {
            entry.put("after", after);
        }
        return mongo.insert(COLLECTION, entry).mapEmpty();
    }

    /** One page of entries, oldest first, after the cursor {@code after}, matching what is given (null: any). */
    public Future<List<JsonObject>> page(String action, String actor, Instant since, Instant until, String after, int limit) {
        JsonObject query = new JsonObject();
        if (action != null) {
            query.put("action", action);
        }
        if (actor != null) {
            query.put("actor.username", actor);
        }
        JsonObject at = new JsonObject();
        if (since != null) {
            at.put("$gte", new JsonObject().put("$date", since.toString()));
        }
        if (until != null) {
            at.put("$lte", new JsonObject().put("$date", until.toString()));
        }
        if (!at.isEmpty()) {
            query.put("at", at);
        }
        if (after != null) {
            query.put("_id", new JsonObject().put("$gt", after));
        }
        return mongo.findWithOptions(COLLECTION, query, new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(limit));
    }
}
