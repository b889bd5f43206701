package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.tonle.store.DuplicateKeys;

/**
 * The {@code aggregates} collection: per indicator, one document per writer slot (see
 * {@link IndicatorDoc}), each changed only by a compare-and-set on its version. A process adds its
 * batches to its own slot's documents, so processes do not contend; a read sums the slots.
 *
 * <p>Which slots exist is found from markers {@code "~slot#<n>"} in the same collection, written
 * when a slot is first claimed: a read asks for the documents of the slots it knows plus the marker
 * of the next one, and only if that marker is there reads again with more slots.
 */
final class TableStore {

    static final String COLLECTION = "aggregates";
    private static final String MARKER_PREFIX = "~slot#";
    private static final String NATIONAL_FIELD = "_";
    private static final int MAX_CAS_ATTEMPTS = 50;

    private final MongoClient mongo;
    private final Steps steps;
    private volatile int knownSlots;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    TableStore(MongoClient mongo, Steps steps) {
        this.mongo = mongo;
        this.steps = steps;
    }

    /** Notes that slot {@code slot} exists, so that every read from now on includes it. */
    Future<Void> markSlot(int slot) {
        return mongo.insert(COLLECTION, new JsonObject().put("_id", MARKER_PREFIX + slot)).<Void>mapEmpty()
                .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture() : Future.failedFuture(e))
                .onSuccess(v -> knownSlots = Math.max(knownSlots, slot + 1));
    }

    /** Compare-and-set writes that succeeded, and those that lost a race and were retried. */
    long writes() {
        return writes.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    /** Every named table, summed over its indicator's documents; a table nobody added to is absent. */
    Future<Map<String, Map<String, Stats>>> read(Set<String> tableIds) {
        return documents(indicators(tableIds), null).map(docs -> {
            Map<String, Map<String, Stats>> tables = new HashMap<>();
            for (JsonObject json : docs) {
                IndicatorDoc doc = IndicatorDoc.of(json);
                String indicator = IndicatorDoc.indicatorOf(doc.id);
                for (String table : tableIds) {
                    Map<String, Stats> cells = doc.tables.get(breakdownField(table));
                    if (cells != null && indicator.equals(indicatorId(table))) {
                        Map<String, Stats> sum = tables.computeIfAbsent(table, t -> new HashMap<>());
                        // only a document written by an earlier version of Tonle can hold a sum that is not finite; recompute replaces it
                        cells.forEach((cell, s) -> {
                            if (s.finite()) {
                                sum.merge(cell, s, Stats::plus);
                            }
                        });
                    }
                }
            }
            return tables;
        });
    }

    /** Per named table, the sum of its indicator's document versions: it grows whenever the table may have changed. */
    Future<Map<String, Long>> versions(Set<String> tableIds) {
        return documents(indicators(tableIds), new JsonObject().put("version", 1)).map(docs -> {
            Map<String, Long> byIndicator = new HashMap<>();
            docs.forEach(d -> byIndicator.merge(IndicatorDoc.indicatorOf(d.getString("_id")), d.getLong("version", 0L), Long::sum));
            Map<String, Long> versions = new HashMap<>();
            tableIds.forEach(t -> {
                Long v = byIndicator.get(indicatorId(t));
                if (v != null) {
                    versions.put(t, v);
                }
            });
            return versions;
        });
    }

    /** Every document of every indicator, for a recount. */
    Future<Map<String, IndicatorDoc>> snapshot() {
        return mongo.find(COLLECTION, new JsonObject()).map(docs -> {
            Map<String, IndicatorDoc> all = new HashMap<>();
            docs.stream().filter(d -> !d.getString("_id").startsWith(MARKER_PREFIX))
                    .forEach(d -> all.put(d.getString("_id"), IndicatorDoc.of(d)));
            return all;
        });
    }

    /** The documents of these indicators in every known slot, and of the next slot if its marker says it exists. */
    private Future<List<JsonObject>> documents(Set<String> indicators, JsonObject fields) {
        int slots = knownSlots;
        JsonArray ids = new JsonArray();
        for (String indicator : indicators) {
            ids.add(indicator);
            for (int s = 0; s < slots; s++) {
                ids.add(IndicatorDoc.slotDocId(indicator, s));
            }
        }
        ids.add(MARKER_PREFIX + slots);
        FindOptions options = new FindOptions();
        if (fields != null) {
            options.setFields(fields);
        }
        return mongo.findWithOptions(COLLECTION, new JsonObject().put("_id", new JsonObject().put("$in", ids)), options)
                .compose(docs -> {
                    boolean more = docs.removeIf(d -> d.getString("_id").startsWith(MARKER_PREFIX));
                    if (!more) {
                        return Future.succeededFuture(docs);
                    }
                    knownSlots = Math.max(knownSlots, slots + 1);
                    return documents(indicators, fields);
                });
    }

    /**
     * Adds a run of consecutive batches of {@code writer} (their summed {@code deltas}, table id to
     * cells) to each document they touch, in one compare-and-set per document that also puts the
     * batches in the document's held set; below {@code floor} every batch of the writer is known
     * finished and is held too. A document that holds all of them is left alone. Answers the
     * documents that hold some but not all: their missing batches must be added one by one.
     */
    Future<Set<String>> add(Writer writer, List<Long> seqs, long floor, Map<String, Map<String, Stats>> deltas) {
        Set<String> partial = new HashSet<>();
        List<Future<Void>> writes = new ArrayList<>();
        byDocument(writer.slot(), deltas).forEach((docId, cells) -> writes.add(compareAndSet(docId, doc -> {
            List<Long> missing = doc.held.missing(writer.epoch(), seqs);
            if (missing.isEmpty()) {
                return null;
            }
            if (missing.size() < seqs.size()) {
                partial.add(docId);
                return null;
            }
            doc.add(cells);
            seqs.forEach(seq -> doc.held.add(writer.epoch(), seq));
            doc.held.addUpTo(writer.epoch(), floor);
            return doc;
        })));
        return Future.all(writes).map(v -> partial);
    }

    /**
     * Corrects a document found to differ from a recount, if no other correction was made since
     * the recount's snapshot ({@code fixes}): adds {@code change} to its cells (cells that are
     * added meanwhile stay), and adds each adopted batch (finished, but missing here) unless the
     * document holds it by now. A document with a sum that is not finite cannot be corrected by
     * adding: it is replaced by the recount, but only if it is still the version the recount read.
     * Answers whether the correction was made.
     */
    Future<Boolean> correct(String docId, IndicatorDoc snapshot, Map<String, Map<String, Stats>> change,
            Map<String, Map<String, Stats>> recount, Map<BatchId, Map<String, Map<String, Stats>>> adopted) {
        boolean[] made = {false};
        long fixes = snapshot == null ? 0 : snapshot.fixes;
        return steps.reached(Steps.BEFORE_CORRECT, docId).compose(go -> compareAndSet(docId, doc -> {
            if (doc.fixes != fixes) {
                return null;
            }
            if (doc.finite()) {
                doc.add(byField(change));
            } else if (snapshot != null && doc.version == snapshot.version) {
                doc.replace(byField(recount));
            } else {
                return null;
            }
            adopted.forEach((batch, cells) -> {
                if (doc.legacyApplied == null && !doc.held.contains(batch.writer().epoch(), batch.seq())) {
                    doc.add(byField(cells));
                    doc.held.add(batch.writer().epoch(), batch.seq());
                }
            });
            doc.dropEmptyCells();
            made[0] = true;
            return doc.withFix();
        })).map(v -> made[0]);
    }

    /**
     * Adds a batch written before writer slots to its indicator's old document, guarded as those
     * documents were (by the last batch of its writer).
     */
    Future<Void> addLegacy(String legacyWriter, long seq, Map<String, Map<String, Stats>> deltas) {
        List<Future<Void>> writes = new ArrayList<>();
        Map<String, Map<String, Map<String, Stats>>> byIndicator = new HashMap<>();
        deltas.forEach((table, cells) -> byIndicator.computeIfAbsent(indicatorId(table), i -> new HashMap<>())
                .put(breakdownField(table), cells));
        byIndicator.forEach((indicator, cells) -> writes.add(compareAndSet(indicator, doc -> {
            if (doc.legacyApplied.getOrDefault(legacyWriter, 0L) >= seq) {
                return null;
            }
            doc.add(cells);
            doc.legacyApplied.put(legacyWriter, seq);
            return doc;
        })));
        return Future.all(writes).mapEmpty();
    }

    /**
     * Reads a document, lets {@code change} modify it (null: nothing to do), and writes it back
     * only if its version is still the one read; otherwise starts again.
     */
    private Future<Void> compareAndSet(String docId, UnaryOperator<IndicatorDoc> change) {
        return compareAndSet(docId, change, 0);
    }

    private Future<Void> compareAndSet(String docId, UnaryOperator<IndicatorDoc> change, int attempt) {
        if (attempt > MAX_CAS_ATTEMPTS) {
            return Future.failedFuture(new IllegalStateException("indicator document " + docId + " kept changing; giving up for now"));
        }
        return mongo.findOne(COLLECTION, new JsonObject().put("_id", docId), null).compose(found -> {
            IndicatorDoc current = found == null ? IndicatorDoc.empty(docId) : IndicatorDoc.of(found);
            IndicatorDoc next = change.apply(current);
            if (next == null) {
                return Future.succeededFuture();
            }
            JsonObject stored = next.toJson(current.version + 1);
            return steps.reached(Steps.BEFORE_WRITE, docId).compose(go -> found == null
                    ? mongo.insert(COLLECTION, stored).map(id -> true).recover(e -> DuplicateKeys.positions(e).map(dup -> false))
                    : mongo.replaceDocuments(COLLECTION, new JsonObject().put("_id", docId).put("version", current.version), stored)
                            .map(r -> r.getDocMatched() == 1))
                    .compose(ok -> {
                        if (ok) {
                            writes.incrementAndGet();
                            return Future.succeededFuture();
                        }
                        conflicts.incrementAndGet();
                        return compareAndSet(docId, change, attempt + 1);
                    });
        });
    }

    /** Table id to cells, grouped by the slot document of each table's indicator, each by breakdown field. */
    private static Map<String, Map<String, Map<String, Stats>>> byDocument(int slot, Map<String, Map<String, Stats>> tables) {
        Map<String, Map<String, Map<String, Stats>>> byDoc = new HashMap<>();
        tables.forEach((table, cells) -> byDoc.computeIfAbsent(IndicatorDoc.slotDocId(indicatorId(table), slot), d -> new HashMap<>())
                .put(breakdownField(table), cells));
        return byDoc;
    }

    /** Table id to cells, keyed by breakdown field instead (all of one indicator). */
    static Map<String, Map<String, Stats>> byField(Map<String, Map<String, Stats>> tables) {
        Map<String, Map<String, Stats>> fields = new HashMap<>();
        tables.forEach((table, cells) -> fields.put(breakdownField(table), cells));
        return fields;
    }

    private static Set<String> indicators(Set<String> tableIds) {
        Set<String> indicators = new TreeSet<>();
        tableIds.forEach(t -> indicators.add(indicatorId(t)));
        return indicators;
    }

    /** The indicator of a table id ({@code "<indicator>|<breakdown>"}). */
    static String indicatorId(String tableId) {
        return tableId.substring(0, tableId.indexOf('|'));
    }

    /** The field of a table within its indicator's document: the breakdown, "_" for the national table. */
    static String breakdownField(String tableId) {
        String by = tableId.substring(tableId.indexOf('|') + 1);
        return by.isEmpty() ? NATIONAL_FIELD : by;
    }

    static String tableId(String indicatorId, String field) {
        return indicatorId + "|" + (field.equals(NATIONAL_FIELD) ? "" : field);
    }
}
