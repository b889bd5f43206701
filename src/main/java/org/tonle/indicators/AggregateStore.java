package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tonle.store.DuplicateKeys;

/**
 * The aggregate tables and the bookkeeping that makes them exact without transactions.
 *
 * <ul>
 *   <li>{@code aggregates}: one document per indicator holding all its tables (one per
 *       breakdown) under {@code tables.<breakdown>}, cells as nested sufficient statistics, and
 *       {@code applied.<writer>}: the last batch of each writer (server process) already added.
 *       Adding a batch is one atomic update per indicator guarded by that number, so a batch
 *       retried after a crash, or recovered by another process, is never added twice. One
 *       document per indicator rather than per table makes an update of every score about ten
 *       times fewer writes.</li>
 *   <li>{@code agg_intents}: written before a batch's submissions are stored, deleted once the
 *       batch is in every table; what a crash leaves here is finished by whoever finds it.</li>
 *   <li>{@code agg_writers}: each process's heartbeat; a writer silent for long is dead and its
 *       intents may be recovered.</li>
 * </ul>
 */
public final class AggregateStore {

    static final String TABLES = "aggregates";
    static final String INTENTS = "agg_intents";
    static final String WRITERS = "agg_writers";
    static final String SUBMISSIONS = "submissions";
    static final String CONTROL = "agg_control";
    private static final String PAUSE = "pause";
    private static final int UPDATES_PER_WRITE = 8;
    private static final String NATIONAL_FIELD = "_";
    private static final String[] FIELDS = {"n", "sy", "w", "wy", "w2", "w2y", "wy2", "w2y2"};

    private final MongoClient mongo;
    private final Set<String> knownDocs = ConcurrentHashMap.newKeySet();

    public AggregateStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    public Future<Void> writeIntent(String writer, long seq, List<String> submissionIds) {
        JsonObject intent = new JsonObject().put("_id", batchId(writer, seq)).put("writer", writer).put("seq", seq)
                .put("submissions", new JsonArray(new ArrayList<>(submissionIds)))
                .put("createdAt", new JsonObject().put("$date", Instant.now().toString()));
        return mongo.insert(INTENTS, intent).mapEmpty();
    }

    public Future<Void> deleteIntent(String writer, long seq) {
        return mongo.removeDocument(INTENTS, new JsonObject().put("_id", batchId(writer, seq))).mapEmpty();
    }

    public Future<Void> deleteIntents(String writer, List<Long> seqs) {
        JsonArray ids = new JsonArray();
        seqs.forEach(seq -> ids.add(batchId(writer, seq)));
        return mongo.removeDocuments(INTENTS, new JsonObject().put("_id", new JsonObject().put("$in", ids))).mapEmpty();
    }

    public Future<List<JsonObject>> intents() {
        return mongo.find(INTENTS, new JsonObject());
    }

    /** Adds {@code deltas} (table id to cells) to every table, unless this writer's batch {@code seq} is already there. */
    public Future<Void> apply(String writer, long seq, Map<String, Map<String, Stats>> deltas) {
        if (deltas.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, JsonObject> incByDoc = new HashMap<>();
        deltas.forEach((table, cells) -> {
            JsonObject inc = incByDoc.computeIfAbsent(docId(table), d -> new JsonObject().put("version", 1));
            String prefix = "tables." + breakdownField(table) + ".";
            cells.forEach((cell, s) -> {
                double[] values = {s.n(), s.sy(), s.w(), s.wy(), s.w2(), s.w2y(), s.wy2(), s.w2y2()};
                for (int i = 0; i < FIELDS.length; i++) {
                    inc.put(prefix + cell + "." + FIELDS[i], i == 0 ? (Object) (long) values[i] : values[i]);
                }
            });
        });
        return ensureDocs(incByDoc.keySet()).compose(v -> {
            List<BulkOperation> updates = new ArrayList<>(incByDoc.size());
            String applied = "applied." + writer;
            incByDoc.forEach((doc, inc) -> {
                JsonObject filter = new JsonObject().put("_id", doc).put("$or", new JsonArray()
                        .add(new JsonObject().put(applied, new JsonObject().put("$exists", false)))
                        .add(new JsonObject().put(applied, new JsonObject().put("$lt", seq))));
                updates.add(BulkOperation.createUpdate(filter,
                        new JsonObject().put("$inc", inc).put("$set", new JsonObject().put(applied, seq)), false, false));
            });
            return inChunks(updates);
        });
    }

    /** Writes in chunks, so that submissions being stored meanwhile wait for one chunk, not all. */
    private Future<Void> inChunks(List<BulkOperation> updates) {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < updates.size(); from += UPDATES_PER_WRITE) {
            List<BulkOperation> chunk = updates.subList(from, Math.min(updates.size(), from + UPDATES_PER_WRITE));
            chain = chain.compose(v -> mongo.bulkWriteWithOptions(TABLES, chunk, new BulkWriteOptions(false)).mapEmpty());
        }
        return chain;
    }

    /** Replaces the cells of tables (recompute), keeping their guards. */
    public Future<Void> replace(Map<String, Map<String, Stats>> tables) {
        if (tables.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, JsonObject> setByDoc = new HashMap<>();
        tables.forEach((table, cells) -> {
            JsonObject stored = new JsonObject();
            cells.forEach((cell, s) -> stored.put(cell, toJson(s)));
            setByDoc.computeIfAbsent(docId(table), d -> new JsonObject()).put("tables." + breakdownField(table), stored);
        });
        return ensureDocs(setByDoc.keySet()).compose(v -> {
            List<BulkOperation> updates = new ArrayList<>();
            setByDoc.forEach((doc, set) -> updates.add(BulkOperation.createUpdate(new JsonObject().put("_id", doc),
                    new JsonObject().put("$set", set).put("$inc", new JsonObject().put("version", 1)), false, false)));
            return inChunks(updates);
        });
    }

    /** The cells of each named table that exists, with the version of the indicator it belongs to. */
    public Future<Map<String, Table>> read(Set<String> ids) {
        return findDocs(ids, new JsonObject().put("applied", 0)).map(docs -> {
            Map<String, Table> tables = new HashMap<>();
            for (JsonObject doc : docs) {
                JsonObject all = doc.getJsonObject("tables", new JsonObject());
                for (String id : ids) {
                    if (docId(id).equals(doc.getString("_id")) && all.containsKey(breakdownField(id))) {
                        tables.put(id, new Table(doc.getLong("version", 0L), cells(all.getJsonObject(breakdownField(id)))));
                    }
                }
            }
            return tables;
        });
    }

    /** Every table with its indicator's guards (writer to last batch added), for recompute. */
    public Future<Map<String, Guarded>> readAll() {
        return mongo.find(TABLES, new JsonObject()).map(docs -> {
            Map<String, Guarded> tables = new HashMap<>();
            for (JsonObject d : docs) {
                Map<String, Long> applied = new HashMap<>();
                JsonObject a = d.getJsonObject("applied", new JsonObject());
                a.fieldNames().forEach(w -> applied.put(w, a.getLong(w)));
                JsonObject all = d.getJsonObject("tables", new JsonObject());
                for (String field : all.fieldNames()) {
                    tables.put(tableId(d.getString("_id"), field), new Guarded(cells(all.getJsonObject(field)), applied));
                }
            }
            return tables;
        });
    }

    /** The version (number of changes) of the indicator of each named table. */
    public Future<Map<String, Long>> versions(Set<String> ids) {
        return findDocs(ids, new JsonObject().put("version", 1)).map(docs -> {
            Map<String, Long> byDoc = new HashMap<>();
            docs.forEach(d -> byDoc.put(d.getString("_id"), d.getLong("version", 0L)));
            Map<String, Long> versions = new HashMap<>();
            ids.forEach(id -> {
                Long v = byDoc.get(docId(id));
                if (v != null) {
                    versions.put(id, v);
                }
            });
            return versions;
        });
    }

    private Future<List<JsonObject>> findDocs(Set<String> tableIds, JsonObject fields) {
        Set<String> docs = new java.util.TreeSet<>();
        tableIds.forEach(id -> docs.add(docId(id)));
        JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(docs))));
        return mongo.findWithOptions(TABLES, query, new FindOptions().setFields(fields));
    }

    /** Every stored submission's form, answers, weight and batch, one at a time. */
    public io.vertx.core.streams.ReadStream<JsonObject> scanSubmissions() {
        return mongo.findBatchWithOptions(SUBMISSIONS, new JsonObject(), new FindOptions()
                .setFields(new JsonObject().put("formId", 1).put("answers", 1).put("weight", 1).put("agg", 1))
                .setBatchSize(1000));
    }

    /** Asks every writer to stop adding batches until {@code untilMillis}. */
    public Future<Void> requestPause(String requester, long untilMillis) {
        return mongo.updateCollectionWithOptions(CONTROL, new JsonObject().put("_id", PAUSE),
                new JsonObject().put("$set", new JsonObject().put("until", untilMillis).put("by", requester)
                        .put("acks", new JsonObject())), new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)).mapEmpty();
    }

    /** The pause in force ({@code until}, {@code acks}: writer to until), or null. */
    public Future<JsonObject> pause() {
        return mongo.findOne(CONTROL, new JsonObject().put("_id", PAUSE), null);
    }

    public Future<Void> acknowledgePause(String writer, long until) {
        return mongo.updateCollection(CONTROL, new JsonObject().put("_id", PAUSE).put("until", until),
                new JsonObject().put("$set", new JsonObject().put("acks." + writer, until))).mapEmpty();
    }

    public Future<Void> endPause() {
        return mongo.removeDocument(CONTROL, new JsonObject().put("_id", PAUSE)).mapEmpty();
    }

    public Future<Void> heartbeat(String writer) {
        return mongo.updateCollectionWithOptions(WRITERS, new JsonObject().put("_id", writer),
                new JsonObject().put("$set", new JsonObject().put("heartbeatAt", System.currentTimeMillis())),
                new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)).mapEmpty();
    }

    /** Writer id to its last heartbeat (epoch milliseconds). */
    public Future<Map<String, Long>> writers() {
        return mongo.find(WRITERS, new JsonObject()).map(docs -> {
            Map<String, Long> writers = new HashMap<>();
            docs.forEach(d -> writers.put(d.getString("_id"), d.getLong("heartbeatAt", 0L)));
            return writers;
        });
    }

    public Future<Void> forgetWriter(String writer) {
        return mongo.removeDocument(WRITERS, new JsonObject().put("_id", writer)).mapEmpty();
    }

    /** The stored submissions with these ids that belong to batch {@code batchId}. */
    public Future<List<JsonObject>> submissionsOf(String batchId, List<String> ids) {
        JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(ids))))
                .put("agg", batchId);
        return mongo.find(SUBMISSIONS, query);
    }

    private Future<Void> ensureDocs(Set<String> ids) {
        List<BulkOperation> inserts = new ArrayList<>();
        for (String id : ids) {
            if (!knownDocs.contains(id)) {
                inserts.add(BulkOperation.createInsert(new JsonObject().put("_id", id).put("version", 0L)
                        .put("tables", new JsonObject()).put("applied", new JsonObject())));
            }
        }
        if (inserts.isEmpty()) {
            return Future.succeededFuture();
        }
        return mongo.bulkWriteWithOptions(TABLES, inserts, new BulkWriteOptions(false)).<Set<Integer>>map(r -> Set.of())
                .recover(DuplicateKeys::positions)
                .map(duplicates -> {
                    knownDocs.addAll(ids);
                    return null;
                });
    }

    /** The document of a table: its indicator. */
    static String docId(String tableId) {
        return tableId.substring(0, tableId.indexOf('|'));
    }

    /** The field of a table within its indicator's document: the breakdown, "_" for the national table. */
    static String breakdownField(String tableId) {
        String by = tableId.substring(tableId.indexOf('|') + 1);
        return by.isEmpty() ? NATIONAL_FIELD : by;
    }

    private static String tableId(String docId, String field) {
        return docId + "|" + (field.equals(NATIONAL_FIELD) ? "" : field);
    }

    static String batchId(String writer, long seq) {
        return writer + ":" + seq;
    }

    static JsonObject toJson(Stats s) {
        return new JsonObject().put("n", s.n()).put("sy", s.sy()).put("w", s.w()).put("wy", s.wy()).put("w2", s.w2())
                .put("w2y", s.w2y()).put("wy2", s.wy2()).put("w2y2", s.w2y2());
    }

    private static Map<String, Stats> cells(JsonObject cells) {
        Map<String, Stats> result = new HashMap<>();
        if (cells != null) {
            for (String key : cells.fieldNames()) {
                JsonObject c = cells.getJsonObject(key);
                result.put(key, new Stats(number(c, "n").longValue(), number(c, "sy").doubleValue(), number(c, "w").doubleValue(),
                        number(c, "wy").doubleValue(), number(c, "w2").doubleValue(), number(c, "w2y").doubleValue(),
                        number(c, "wy2").doubleValue(), number(c, "w2y2").doubleValue()));
            }
        }
        return result;
    }

    private static Number number(JsonObject o, String key) {
        Object v = o.getValue(key);
        return v instanceof Number n ? n : 0;
    }

    /** A table as read: its version and its cells. */
    public record Table(long version, Map<String, Stats> cells) {}

    /** A table's cells and, per writer, the last batch it holds. */
    public record Guarded(Map<String, Stats> cells, Map<String, Long> applied) {}
}
