package org.tonle.exports;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Reads stored submissions in this process, where the store allows it: the embedded store
 * (org.tonle.store.EmbeddedMongo#readAfter). Blocking.
 */
@FunctionalInterface
public interface LocalReader {

    /** Up to {@code limit} submissions after {@code afterId} in {@code _id} order that match {@code filter}. */
    List<Map<String, Object>> after(String afterId, int limit, JsonObject filter);
}
