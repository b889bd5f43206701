package org.tonle.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/**
 * Write commands answered once applied ({@code {w: 1}}), for a write that the next durable write
 * takes to disk with it (the embedded store commits every write in order).
 */
public final class AppliedWrites {

    private AppliedWrites() {
    }

    /**
     * Runs {@code command} (e.g. {@code insert}, {@code update}) with write concern {@code {w: 1}};
     * answers the reply, or fails with {@code what} and the write errors when there are any.
     */
    public static Future<JsonObject> run(MongoClient mongo, String command, JsonObject body, String what) {
        // the client's WriteOptions cannot say {w: 1} (ACKNOWLEDGED sends no write concern at all)
        return mongo.runCommand(command, body.put("writeConcern", new JsonObject().put("w", 1)))
                .compose(reply -> reply.getJsonArray("writeErrors", new JsonArray()).isEmpty() ? Future.succeededFuture(reply)
                        : Future.failedFuture(new IllegalStateException(what + ": " + reply.getJsonArray("writeErrors"))));
    }
}
