package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.TreeSet;
import org.tonle.store.DuplicateKeys;

/**
 * The aggregate tables and the bookkeeping that makes them exact without transactions.
 *
 * <ul>
 *   <li>{@code aggregates}: one document per indicator holding all its tables (one per
 *       breakdown) in a compact {@code tables} text (see {@link IndicatorDoc}), a {@code version},
 *       and {@code applied.<writer>}: the last batch of each writer (server process) already
 *       added. Adding a batch rewrites each indicator's document with a compare-and-set on its
 *       version, guarded by that number, so a batch retried after a crash, or recovered by
 *       another process, is never added twice.</li>
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
    private static final int MAX_CAS_ATTEMPTS = 50;
    private static final String NATIONAL_FIELD = "_";
    private static final String[] FIELDS = {"n", "sy", "w", "wy", "w2", "w2y", "wy2", "w2y2"};

    private final MongoClient mongo;
    private final boolean orderedCommits;
    /** Test seam: called after a document is read and before it is written back. */
    java.util.function.Function<String, Future<Void>> beforeWrite = doc -> Future.succeededFuture();

    /**
     * @param orderedCommits whether every durable write also makes every write before it durable
     *     (the embedded store: one commit log, committed in order). There an intent need only be
     *     applied, not on disk, before its batch is stored: the batch's own commit takes it along,
     *     so ingesting costs one commit instead of two. On MongoDB the intent is majority-written
     *     like everything else, so that a failover between the two writes cannot lose it.
     */
    public AggregateStore(MongoClient mongo, boolean orderedCommits) {
        this.mongo = mongo;
        this.orderedCommits = orderedCommits;
    }

    /** Records that a batch is about to be stored; a later durable write makes it durable too. */
    public Future<Void> writeIntent(String writer, long seq, List<String> submissionIds) {
        JsonObject intent = new JsonObject().put("_id", batchId(writer, seq)).put("writer", writer).put("seq", seq)
                .put("submissions", new JsonArray(new ArrayList<>(submissionIds)))
                .put("createdAt", new JsonObject().put("$date", Instant.now().toString()));
        if (!orderedCommits) {
            return mongo.insert(INTENTS, intent).mapEmpty();
        }
        // the client's WriteOptions cannot say {w: 1} (ACKNOWLEDGED sends no write concern at all)
        JsonObject insert = new JsonObject().put("insert", INTENTS).put("documents", new JsonArray().add(intent))
                .put("writeConcern", new JsonObject().put("w", 1));
        return mongo.runCommand("insert", insert).compose(reply -> reply.getJsonArray("writeErrors", new JsonArray()).isEmpty()
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(new IllegalStateException("intent not written: " + reply.getJsonArray("writeErrors"))));
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

    /**
     * Adds {@code deltas} (table id to cells) to every table, unless this writer's batch {@code seq}
     * is already there. Each indicator's document is read, merged and written back only if nobody
     * changed it meanwhile (its version), retrying otherwise: a compare-and-set, as safe as an
     * atomic $inc across server processes, and much cheaper for the embedded store than updating
     * thousands of nested fields.
     */
    public Future<Void> apply(String writer, long seq, Map<String, Map<String, Stats>> deltas) {
        Map<String, Map<String, Map<String, Stats>>> byDoc = byDocument(deltas);
        List<Future<Void>> writes = new ArrayList<>();
        byDoc.forEach((doc, tables) -> writes.add(compareAndSet(doc, current -> {
            if (current.applied().getOrDefault(writer, 0L) >= seq) {
                return null;
            }
            tables.forEach((field, cells) -> cells.forEach((cell, s) ->
                    current.tables().computeIfAbsent(field, f -> new HashMap<>()).merge(cell, s, Stats::plus)));
            current.applied().put(writer, seq);
            return current;
        }, 0)));
        return Future.all(writes).mapEmpty();
    }

    /** Replaces the cells of tables (recompute), keeping their guards. */
    public Future<Void> replace(Map<String, Map<String, Stats>> tables) {
        List<Future<Void>> writes = new ArrayList<>();
        byDocument(tables).forEach((doc, fields) -> writes.add(compareAndSet(doc, current -> {
            fields.forEach((field, cells) -> current.tables().put(field, new HashMap<>(cells)));
            return current;
        }, 0)));
        return Future.all(writes).mapEmpty();
    }

    /** The cells of each named table that exists, with the version of the indicator it belongs to. */
    public Future<Map<String, Table>> read(Set<String> ids) {
        return findDocs(ids).map(docs -> {
            Map<String, Table> tables = new HashMap<>();
            for (JsonObject json : docs) {
                IndicatorDoc doc = IndicatorDoc.of(json);
                for (String id : ids) {
                    Map<String, Stats> cells = doc.tables().get(breakdownField(id));
                    if (docId(id).equals(json.getString("_id")) && cells != null) {
                        tables.put(id, new Table(doc.version(), cells));
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
            for (JsonObject json : docs) {
                IndicatorDoc doc = IndicatorDoc.of(json);
                doc.tables().forEach((field, cells) -> tables.put(tableId(json.getString("_id"), field), new Guarded(cells, doc.applied())));
            }
            return tables;
        });
    }

    /** The version (number of changes) of the indicator of each named table. */
    public Future<Map<String, Long>> versions(Set<String> ids) {
        Set<String> docs = new TreeSet<>();
        ids.forEach(id -> docs.add(docId(id)));
        JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(docs))));
        return mongo.findWithOptions(TABLES, query, new FindOptions().setFields(new JsonObject().put("version", 1))).map(found -> {
            Map<String, Long> byDoc = new HashMap<>();
            found.forEach(d -> byDoc.put(d.getString("_id"), d.getLong("version", 0L)));
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

    private Future<List<JsonObject>> findDocs(Set<String> tableIds) {
        Set<String> docs = new TreeSet<>();
        tableIds.forEach(id -> docs.add(docId(id)));
        return mongo.find(TABLES, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(docs)))));
    }

    /**
     * Reads an indicator's document, lets {@code change} modify it (null: nothing to do), and
     * writes it back only if its version is still the one read; otherwise starts again.
     */
    private Future<Void> compareAndSet(String docId, java.util.function.UnaryOperator<IndicatorDoc> change, int attempt) {
        if (attempt > MAX_CAS_ATTEMPTS) {
            return Future.failedFuture(new IllegalStateException("indicator " + docId + " kept changing; giving up for now"));
        }
        return mongo.findOne(TABLES, new JsonObject().put("_id", docId), null).compose(found -> {
            IndicatorDoc current = found == null ? IndicatorDoc.empty() : IndicatorDoc.of(found);
            long version = current.version();
            IndicatorDoc next = change.apply(current);
            if (next == null) {
                return Future.succeededFuture();
            }
            JsonObject stored = next.toJson(docId, version + 1);
            return beforeWrite.apply(docId).compose(go -> {
            Future<Boolean> written = found == null
                    ? mongo.insert(TABLES, stored).map(id -> true).recover(e -> DuplicateKeys.positions(e).map(dup -> false))
                    : mongo.replaceDocuments(TABLES, new JsonObject().put("_id", docId).put("version", version), stored)
                            .map(r -> r.getDocMatched() == 1);
            return written.compose(ok -> ok ? Future.succeededFuture() : compareAndSet(docId, change, attempt + 1));
            });
        });
    }

    private static Map<String, Map<String, Map<String, Stats>>> byDocument(Map<String, Map<String, Stats>> tables) {
        Map<String, Map<String, Map<String, Stats>>> byDoc = new HashMap<>();
        tables.forEach((table, cells) -> byDoc.computeIfAbsent(docId(table), d -> new HashMap<>()).put(breakdownField(table), cells));
        return byDoc;
    }

    /**
     * How many submissions are stored, from the collection's metadata (the {@code count} command
     * without a filter): countDocuments would read every document, over 30 s at a million here.
     */
    public Future<Long> countSubmissions() {
        return mongo.runCommand("count", new JsonObject().put("count", SUBMISSIONS))
                .map(r -> r.getNumber("n").longValue());
    }

    /**
     * The id of every stored submission. Only ids: the embedded store holds a query's whole result
     * in memory, and a million whole submissions do not fit in 4 GB, while their ids take tens of MB.
     */
    public Future<List<String>> submissionIds() {
        Promise<List<String>> done = Promise.promise();
        List<String> ids = new ArrayList<>();
        io.vertx.core.streams.ReadStream<JsonObject> stream = mongo.findBatchWithOptions(SUBMISSIONS, new JsonObject(),
                new FindOptions().setFields(new JsonObject().put("_id", 1)).setBatchSize(10_000));
        stream.exceptionHandler(done::tryFail).endHandler(v -> done.tryComplete(ids)).handler(doc -> ids.add(doc.getString("_id")));
        return done.future();
    }

    /** The form, answers, weight and batch of these submissions, looked up by id (an index lookup in both stores). */
    public Future<List<JsonObject>> submissions(List<String> ids) {
        return mongo.findWithOptions(SUBMISSIONS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))),
                new FindOptions().setFields(new JsonObject().put("formId", 1).put("answers", 1).put("weight", 1).put("agg", 1)));
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

    /**
     * The stored submissions with these ids that belong to batch {@code batchId}. Looked up one by
     * one by {@code _id}, the one index every store maintains, so recovery never scans the collection.
     */
    public Future<List<JsonObject>> submissionsOf(String batchId, List<String> ids) {
        List<Future<JsonObject>> lookups = new ArrayList<>();
        for (String id : ids) {
            lookups.add(mongo.findOne(SUBMISSIONS, new JsonObject().put("_id", id), null));
        }
        return Future.all(lookups).map(all -> {
            List<JsonObject> mine = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                JsonObject doc = all.resultAt(i);
                if (doc != null && batchId.equals(doc.getString("agg"))) {
                    mine.add(doc);
                }
            }
            return mine;
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

    /** A table as read: its version and its cells. */
    public record Table(long version, Map<String, Stats> cells) {}

    /** A table's cells and, per writer, the last batch it holds. */
    public record Guarded(Map<String, Stats> cells, Map<String, Long> applied) {}
}
