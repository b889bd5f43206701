package org.tonle.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table of one indicator in one release, as stored: one document per release and indicator
 * ({@code <release>/<indicator>}, tens of kilobytes, far from the 16 MB a document may hold). The
 * tables are what is served; the bases (see {@link Released}) never leave the server.
 *
 * @param tables breakdown (the national table: []) to cell values to the released cell
 */
record ReleasedIndicator(String id, Map<List<String>, Map<List<String>, Released>> tables) {

    static String documentId(int release, String indicator) {
        return release + "/" + indicator;
    }

    JsonObject toDocument(int release) {
        JsonArray tableList = new JsonArray();
        JsonObject basis = new JsonObject();
        tables.forEach((by, cells) -> {
            JsonArray cellList = new JsonArray();
            cells.forEach((values, cell) -> {
                cellList.add(cell.json());
                if (cell.basis() != null) {
                    basis.put(basisKey(by, values), Released.encode(cell.basis()));
                }
            });
            tableList.add(new JsonObject().put("by", String.join(",", by)).put("cells", cellList));
        });
        return new JsonObject().put("_id", documentId(release, id)).put("release", release).put("indicator", id)
                .put("tables", tableList).put("basis", basis);
    }

    /** A stored document read back; without its bases when it was read for publication. */
    static ReleasedIndicator fromDocument(JsonObject doc) {
        JsonObject basis = doc.getJsonObject("basis", new JsonObject());
        Map<List<String>, Map<List<String>, Released>> tables = new LinkedHashMap<>();
        for (Object t : doc.getJsonArray("tables")) {
            JsonObject table = (JsonObject) t;
            List<String> by = by(table.getString("by"));
            Map<List<String>, Released> cells = new LinkedHashMap<>();
            for (Object c : table.getJsonArray("cells")) {
                JsonObject cell = (JsonObject) c;
                List<String> values = values(by, cell.getJsonObject("key"));
                cells.put(values, new Released(cell, Released.decode(basis.getJsonArray(basisKey(by, values))), false));
            }
            tables.put(by, cells);
        }
        return new ReleasedIndicator(doc.getString("indicator"), tables);
    }

    static List<String> by(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static List<String> values(List<String> by, JsonObject key) {
        return by.stream().map(d -> key == null ? null : key.getString(d)).toList();
    }

    /** Cell values never hold '|' or '.', and breakdown names are plain words, so this is a safe field name. */
    private static String basisKey(List<String> by, List<String> values) {
        return (by.isEmpty() ? "national" : String.join(",", by)) + "#" + String.join("|", values);
    }
}
