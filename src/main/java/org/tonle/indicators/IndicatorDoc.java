package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * An indicator's aggregate document as held in memory: breakdown to cell key to statistics, the
 * guards (writer to last batch added), and the version. Stored as
 * {@code {_id, version, applied: {writer: seq}, tables: "<JSON text>"}}, where the text maps each
 * breakdown to its cells and each cell to its eight sums in the order of {@link Stats}: one string
 * costs the embedded store far less to rewrite than thousands of nested fields.
 */
record IndicatorDoc(long version, Map<String, Map<String, Stats>> tables, Map<String, Long> applied) {

    static IndicatorDoc empty() {
        return new IndicatorDoc(0, new HashMap<>(), new HashMap<>());
    }

    static IndicatorDoc of(JsonObject json) {
        Map<String, Long> applied = new HashMap<>();
        JsonObject a = json.getJsonObject("applied", new JsonObject());
        a.fieldNames().forEach(w -> applied.put(w, a.getLong(w)));
        Map<String, Map<String, Stats>> tables = new HashMap<>();
        String text = json.getString("tables");
        if (text != null && !text.isEmpty()) {
            JsonObject all = new JsonObject(text);
            for (String field : all.fieldNames()) {
                Map<String, Stats> cells = new HashMap<>();
                JsonObject stored = all.getJsonObject(field);
                for (String cell : stored.fieldNames()) {
                    JsonArray v = stored.getJsonArray(cell);
                    cells.put(cell, new Stats(v.getLong(0), v.getDouble(1), v.getDouble(2), v.getDouble(3), v.getDouble(4),
                            v.getDouble(5), v.getDouble(6), v.getDouble(7)));
                }
                tables.put(field, cells);
            }
        }
        return new IndicatorDoc(json.getLong("version", 0L), tables, applied);
    }

    JsonObject toJson(String id, long newVersion) {
        JsonObject all = new JsonObject();
        tables.forEach((field, cells) -> {
            JsonObject stored = new JsonObject();
            cells.forEach((cell, s) -> stored.put(cell, new JsonArray().add(s.n()).add(s.sy()).add(s.w()).add(s.wy())
                    .add(s.w2()).add(s.w2y()).add(s.wy2()).add(s.w2y2())));
            all.put(field, stored);
        });
        JsonObject guards = new JsonObject();
        applied.forEach(guards::put);
        return new JsonObject().put("_id", id).put("version", newVersion).put("applied", guards).put("tables", all.encode());
    }
}
