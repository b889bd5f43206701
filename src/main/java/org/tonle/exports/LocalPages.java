package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * An export's pages read from the embedded store in this process, on a worker: the same filter and
 * order as {@link SubmissionPages}, without the wire. Through the driver each submission was
 * encoded to BSON by the store, decoded by the driver and turned into JSON on an event loop, about
 * nine tenths of an export's time; here it is decoded once from the store's page.
 */
final class LocalPages implements Pages {

    private final Vertx vertx;
    private final LocalReader reader;
    private final JsonObject filter;
    private String after = "";
    private boolean done;

    LocalPages(Vertx vertx, LocalReader reader, JsonObject filter) {
        this.vertx = vertx;
        this.reader = reader;
        this.filter = filter;
    }

    @Override
    public Future<List<JsonObject>> next() {
        if (done) {
            return Future.succeededFuture(List.of());
        }
        String from = after;
        return vertx.executeBlocking(() -> reader.after(from, PAGE, filter), false).map(found -> {
            if (found.size() < PAGE) {
                done = true;
            }
            List<JsonObject> page = found.stream().map(LocalPages::json).toList();
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).getString("_id");
            }
            return page;
        });
    }

    private static JsonObject json(Map<String, Object> document) {
        return new JsonObject(document);
    }
}
