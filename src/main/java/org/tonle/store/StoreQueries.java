package org.tonle.store;

import de.bwaldvogel.mongo.bson.Document;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A query as the driver would send it (JSON, dates as {@code {"$date": "…"}}), as the embedded store's own matcher reads it. */
final class StoreQueries {

    private StoreQueries() {
    }

    static Document document(JsonObject json) {
        Document d = new Document();
        json.forEach(e -> d.put(e.getKey(), value(e.getValue())));
        return d;
    }

    private static Object value(Object v) {
        if (v instanceof JsonObject o) {
            return o.size() == 1 && o.getValue("$date") instanceof String s ? Instant.parse(s) : document(o);
        }
        if (v instanceof JsonArray a) {
            List<Object> list = new ArrayList<>();
            a.forEach(item -> list.add(value(item)));
            return list;
        }
        return v;
    }
}
