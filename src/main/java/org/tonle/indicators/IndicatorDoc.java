package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * One partial document of an indicator's tables, as held in memory: breakdown to cell key to
 * statistics, which batches it holds, its version (bumped by every write) and its count of
 * corrections (bumped by every recompute that corrects it).
 *
 * <p>Each writer slot has its own document per indicator, {@code "<indicator>#<slot>"}, holding the
 * batches stored under that slot; an indicator's table is the sum of its documents. Stored as
 * {@code {_id, version, fixes, held: {epoch: [[first, last]…]}, tables: "<JSON text>"}}, where the
 * text maps each breakdown to its cells and each cell to its eight sums in the order of
 * {@link Stats}: one string costs the embedded store far less to rewrite than thousands of nested
 * fields. A document written before writer slots ({@code _id} = the indicator) has
 * {@code applied: {writer: last seq}} instead of {@code held}; it is still read, recovered and
 * corrected, never written with new batches.
 */
final class IndicatorDoc {

    private static final char SLOT_SEPARATOR = '#';

    final String id;
    final long version;
    final long fixes;
    final Map<String, Map<String, Stats>> tables;
    final HeldBatches held;
    /** Only in a document from before writer slots: writer to the last batch it added. */
    final Map<String, Long> legacyApplied;

    private IndicatorDoc(String id, long version, long fixes, Map<String, Map<String, Stats>> tables, HeldBatches held,
            Map<String, Long> legacyApplied) {
        this.id = id;
        this.version = version;
        this.fixes = fixes;
        this.tables = tables;
        this.held = held;
        this.legacyApplied = legacyApplied;
    }

    static IndicatorDoc empty(String id) {
        return new IndicatorDoc(id, 0, 0, new HashMap<>(), new HeldBatches(), isLegacy(id) ? new HashMap<>() : null);
    }

    /** The document of an indicator that counts a submission of batch {@code agg}. */
    static String docId(String indicatorId, String agg) {
        BatchId batch = BatchId.parse(agg);
        return batch == null ? indicatorId : slotDocId(indicatorId, batch.writer().slot());
    }

    static String slotDocId(String indicatorId, int slot) {
        return indicatorId + SLOT_SEPARATOR + slot;
    }

    static String indicatorOf(String docId) {
        int hash = docId.lastIndexOf(SLOT_SEPARATOR);
        return hash < 0 ? docId : docId.substring(0, hash);
    }

    static boolean isLegacy(String docId) {
        return docId.lastIndexOf(SLOT_SEPARATOR) < 0;
    }

    /** Whether this (slot) document holds batch {@code agg}, so that its submissions count here. */
    boolean holds(String agg) {
        BatchId batch = BatchId.parse(agg);
        return legacyApplied == null && batch != null && id.equals(slotDocId(indicatorOf(id), batch.writer().slot()))
                && held.contains(batch.writer().epoch(), batch.seq());
    }

    /** Adds {@code cells} (breakdown to cells) to the tables. */
    void add(Map<String, Map<String, Stats>> cells) {
        cells.forEach((field, more) -> more.forEach((cell, s) ->
                tables.computeIfAbsent(field, f -> new HashMap<>()).merge(cell, s, Stats::plus)));
    }

    /** Drops cells that no respondent is counted in any more (what is left of a correction to zero). */
    void dropEmptyCells() {
        tables.values().forEach(cells -> cells.values().removeIf(s -> s.n() == 0));
        tables.values().removeIf(Map::isEmpty);
    }

    IndicatorDoc withFix() {
        return new IndicatorDoc(id, version, fixes + 1, tables, held, legacyApplied);
    }

    /** Replaces every cell (by breakdown field). */
    void replace(Map<String, Map<String, Stats>> cells) {
        tables.clear();
        add(cells);
    }

    static IndicatorDoc of(JsonObject json) {
        String id = json.getString("_id");
        Map<String, Long> legacy = null;
        if (isLegacy(id)) {
            legacy = new HashMap<>();
            JsonObject a = json.getJsonObject("applied", new JsonObject());
            for (String w : a.fieldNames()) {
                legacy.put(w, a.getLong(w));
            }
        }
        return new IndicatorDoc(id, json.getLong("version", 0L), json.getLong("fixes", 0L), tables(json.getString("tables")),
                HeldBatches.of(json.getJsonObject("held")), legacy);
    }

    private static Map<String, Map<String, Stats>> tables(String text) {
        Map<String, Map<String, Stats>> tables = new HashMap<>();
        if (text != null && !text.isEmpty()) {
            JsonObject all = new JsonObject(text);
            for (String field : all.fieldNames()) {
                Map<String, Stats> cells = new HashMap<>();
                JsonObject stored = all.getJsonObject(field);
                for (String cell : stored.fieldNames()) {
                    JsonArray v = stored.getJsonArray(cell);
                    cells.put(cell, new Stats(v.getLong(0), number(v, 1), number(v, 2), number(v, 3), number(v, 4),
                            number(v, 5), number(v, 6), number(v, 7)));
                }
                tables.put(field, cells);
            }
        }
        return tables;
    }

    /**
     * A stored sum. Earlier versions of Tonle could store a sum that overflowed, which JSON spells as the
     * text "Infinity" or "NaN": read as such, so that the document can be recognised and replaced.
     */
    private static double number(JsonArray values, int i) {
        Object v = values.getValue(i);
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
    }

    /** Whether every cell is finite (only a document written by an earlier version of Tonle may not be). */
    boolean finite() {
        return tables.values().stream().allMatch(cells -> cells.values().stream().allMatch(Stats::finite));
    }

    /** The stored form, as version {@code newVersion}. */
    JsonObject toJson(long newVersion) {
        JsonObject all = new JsonObject();
        tables.forEach((field, cells) -> {
            JsonObject stored = new JsonObject();
            cells.forEach((cell, s) -> stored.put(cell, new JsonArray().add(s.n()).add(s.sy()).add(s.w()).add(s.wy())
                    .add(s.w2()).add(s.w2y()).add(s.wy2()).add(s.w2y2())));
            all.put(field, stored);
        });
        JsonObject json = new JsonObject().put("_id", id).put("version", newVersion).put("fixes", fixes).put("tables", all.encode());
        if (legacyApplied != null) {
            JsonObject guards = new JsonObject();
            legacyApplied.forEach(guards::put);
            json.put("applied", guards);
        } else {
            json.put("held", held.toJson());
        }
        return json;
    }
}
