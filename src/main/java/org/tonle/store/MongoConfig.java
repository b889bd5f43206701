package org.tonle.store;

import io.vertx.core.json.JsonObject;
import org.tonle.config.TonleConfig;

/** The MongoDB client settings: the embedded store over loopback, or MONGO_URI with majority, journaled writes. */
public final class MongoConfig {

    private MongoConfig() {
    }

    public static JsonObject of(TonleConfig config, EmbeddedMongo embedded) {
        JsonObject json = new JsonObject().put("db_name", config.database());
        if (embedded != null) {
            return json.put("connection_string", embedded.connectionString());
        }
        // An acknowledged submission must survive a primary failing over: majority, journaled.
        return json.put("connection_string", config.mongoUri().orElseThrow())
                .put("w", "majority")
                .put("j", true);
    }
}
