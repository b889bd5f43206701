package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Counts the stored submissions again, for every table document, against a snapshot of the
 * documents taken first, without stopping anyone: used by recompute (which then corrects) and by
 * the background self-check (which only reports).
 *
 * <p>A submission belongs in the document of its indicator and batch's slot if that document held
 * its batch in the snapshot (one stored before writer slots, in its indicator's old document, once
 * its batch is finished). A batch that no document holds, whose intent was gone before the
 * snapshot, is finished but missing (a fault): it is "adopted", kept apart so that a correction
 * adds it only where it is still missing. A batch with an intent is in flight: its writer or a
 * recoverer adds it. So the recount is exact whatever is added while it reads.
 */
final class Recount {

    /** Submissions read per lookup: small enough to keep memory flat, large enough to keep round trips few. */
    static final int CHUNK = 2_000;
    private static final double TOLERANCE = 1e-9;
    private static final int EXAMPLES = 50;

    private final Vertx vertx;
    private final TableStore tables;
    private final Intents intents;
    private final SubmissionReader submissions;
    private final Ledger ledger;
    private final Steps steps;

    Recount(Vertx vertx, TableStore tables, Intents intents, SubmissionReader submissions, Ledger ledger, Steps steps) {
        this.vertx = vertx;
        this.tables = tables;
        this.intents = intents;
        this.submissions = submissions;
        this.ledger = ledger;
        this.steps = steps;
    }

    /**
     * The pace of reading: how many submissions per chunk and how long to wait between chunks;
     * {@code busy} says when the process is ingesting, and then each pause is
     * {@value #SLOWER_WHEN_BUSY} times as long, so that a background recount leaves the CPU to
     * the phones that are sending.
     */
    record Pace(int chunk, long pauseMillis, BooleanSupplier busy) {
        static final int SLOWER_WHEN_BUSY = 10;
        static final Pace FULL_SPEED = new Pace(CHUNK, 0, () -> false);

        long pause() {
            return busy.getAsBoolean() ? pauseMillis * SLOWER_WHEN_BUSY : pauseMillis;
        }
    }

    /** What a recount found: per document, what its cells should be and which finished batches it lacks. */
    static final class Result {
        final Map<String, IndicatorDoc> snapshot;
        final Map<String, Map<String, Map<String, Stats>>> truth = new HashMap<>();
        final Map<String, Map<BatchId, Map<String, Map<String, Stats>>>> adopted = new HashMap<>();
        /** Submissions counted nowhere because a number in their contribution is not finite, by batch. */
        final Map<String, List<String>> refused = new HashMap<>();
        long submissions;

        Result(Map<String, IndicatorDoc> snapshot) {
            this.snapshot = snapshot;
        }

        /** Every document that a correction may have to write. */
        Set<String> documents() {
            Set<String> docs = new TreeSet<>(snapshot.keySet());
            docs.addAll(truth.keySet());
            docs.addAll(adopted.keySet());
            return docs;
        }

        /** What to add to a document's cells (table id to cells) to make them the recount; empty when they agree. */
        Map<String, Map<String, Stats>> change(String docId) {
            Map<String, Map<String, Stats>> want = truth.getOrDefault(docId, Map.of());
            Map<String, Map<String, Stats>> have = stored(docId);
            Set<String> tableIds = new TreeSet<>(want.keySet());
            tableIds.addAll(have.keySet());
            Map<String, Map<String, Stats>> change = new HashMap<>();
            for (String table : tableIds) {
                Map<String, Stats> w = want.getOrDefault(table, Map.of());
                Map<String, Stats> h = have.getOrDefault(table, Map.of());
                Set<String> keys = new TreeSet<>(w.keySet());
                keys.addAll(h.keySet());
                for (String key : keys) {
                    Stats ws = w.getOrDefault(key, Stats.EMPTY);
                    Stats hs = h.getOrDefault(key, Stats.EMPTY);
                    if (!same(ws, hs)) {
                        change.computeIfAbsent(table, t -> new HashMap<>()).put(key, ws.minus(hs));
                    }
                }
            }
            return change;
        }

        /** The recount of a document: table id to cells. */
        Map<String, Map<String, Stats>> truth(String docId) {
            return truth.getOrDefault(docId, Map.of());
        }

        /** A document's cells in the snapshot, by table id. */
        private Map<String, Map<String, Stats>> stored(String docId) {
            Map<String, Map<String, Stats>> stored = new HashMap<>();
            IndicatorDoc doc = snapshot.get(docId);
            if (doc != null) {
                doc.tables.forEach((field, cells) -> stored.put(TableStore.tableId(IndicatorDoc.indicatorOf(docId), field), cells));
            }
            return stored;
        }

        /**
         * Compares, table by table (all of an indicator's documents summed), what is stored with
         * what the recount found; the report recompute and the self-check give.
         */
        JsonObject report() {
            Map<String, Map<String, Stats>> have = new HashMap<>();
            snapshot.forEach((docId, doc) -> doc.tables.forEach((field, cells) -> Contributions.merge(have,
                    Map.of(TableStore.tableId(IndicatorDoc.indicatorOf(docId), field), cells))));
            Map<String, Map<String, Stats>> want = new HashMap<>();
            truth.values().forEach(t -> Contributions.merge(want, t));
            adopted.values().forEach(byBatch -> byBatch.values().forEach(t -> Contributions.merge(want, t)));
            Set<String> all = new TreeSet<>(have.keySet());
            all.addAll(want.keySet());
            JsonArray examples = new JsonArray();
            long cells = 0;
            long differences = 0;
            Set<String> differing = new TreeSet<>();
            for (String table : all) {
                Map<String, Stats> w = want.getOrDefault(table, Map.of());
                Map<String, Stats> h = have.getOrDefault(table, Map.of());
                Set<String> keys = new TreeSet<>(w.keySet());
                keys.addAll(h.keySet());
                for (String key : keys) {
                    cells++;
                    Stats ws = w.getOrDefault(key, Stats.EMPTY);
                    Stats hs = h.getOrDefault(key, Stats.EMPTY);
                    if (!same(ws, hs)) {
                        differences++;
                        differing.add(table);
                        if (examples.size() < EXAMPLES) {
                            examples.add(new JsonObject().put("table", table).put("cell", key).put("stored", json(hs)).put("recomputed", json(ws)));
                        }
                    }
                }
            }
            return new JsonObject().put("submissions", submissions)
                    .put("refusedSubmissions", refused.values().stream().mapToInt(List::size).sum())
                    .put("tables", all.size()).put("cells", cells)
                    .put("differences", differences).put("differingTables", new JsonArray(List.copyOf(differing)))
                    .put("examples", examples);
        }
    }

    Future<Result> run(Pace pace) {
        return intents.all().compose(pending -> tables.snapshot().compose(snapshot -> {
            Set<String> inFlight = new HashSet<>();
            pending.forEach(i -> inFlight.add(i.getString("_id")));
            Result result = new Result(snapshot);
            return steps.reached(Steps.RECOUNT_SNAPSHOT, "")
                    .compose(v -> submissions.ids())
                    .compose(ids -> chunks(ids, 0, pace, docs -> submissions.versions(docs).compose(versions ->
                            vertx.executeBlocking(() -> {
                                docs.forEach(doc -> count(doc, versions, inFlight, result));
                                result.submissions += docs.size();
                                return null;
                            }))))
                    .map(v -> result);
        }));
    }

    /** Counts each step of a submission's history in the document of that step's batch, as that document holds it. */
    private void count(JsonObject submission, Map<String, JsonObject> versions, Set<String> inFlight, Result result) {
        List<History.Step> steps = History.of(submission);
        for (int i = 0; i < steps.size(); i++) {
            String agg = steps.get(i).batch();
            Contributions.Sum sum = ledger.sum();
            ledger.step(sum, submission, steps, i, versions);
            if (!sum.refused().isEmpty()) {
                result.refused.computeIfAbsent(String.valueOf(agg), b -> new java.util.ArrayList<>()).addAll(sum.refused());
            }
            attribute(agg, sum.deltas(), inFlight, result);
        }
    }

    private void attribute(String agg, Map<String, Map<String, Stats>> mine, Set<String> inFlight, Result result) {
        BatchId batch = BatchId.parse(agg);
        mine.forEach((table, cells) -> {
            String docId = IndicatorDoc.docId(TableStore.indicatorId(table), agg);
            IndicatorDoc doc = result.snapshot.get(docId);
            if (batch == null) {
                // stored before writer slots: counted in the indicator's old document once its batch is finished
                if (agg == null || !inFlight.contains(agg)) {
                    merge(result.truth.computeIfAbsent(docId, d -> new HashMap<>()), table, cells);
                }
            } else if (doc != null && doc.holds(agg)) {
                merge(result.truth.computeIfAbsent(docId, d -> new HashMap<>()), table, cells);
            } else if (!inFlight.contains(agg)) {
                merge(result.adopted.computeIfAbsent(docId, d -> new HashMap<>()).computeIfAbsent(batch, b -> new HashMap<>()), table, cells);
            }
        });
    }

    private static void merge(Map<String, Map<String, Stats>> into, String table, Map<String, Stats> cells) {
        Map<String, Stats> target = into.computeIfAbsent(table, t -> new HashMap<>());
        cells.forEach((cell, s) -> target.merge(cell, s, Stats::plus));
    }

    /** Reads {@code ids} from {@code from} on, one chunk after the other, pausing between chunks as the pace says. */
    private Future<Void> chunks(List<String> ids, int from, Pace pace, java.util.function.Function<List<JsonObject>, Future<Void>> each) {
        if (from >= ids.size()) {
            return Future.succeededFuture();
        }
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + pace.chunk()));
        Future<Void> read = submissions.byIds(chunk).compose(each);
        if (pace.pauseMillis() > 0) {
            read = read.compose(v -> {
                Promise<Void> later = Promise.promise();
                vertx.setTimer(pace.pause(), t -> later.complete());
                return later.future();
            });
        }
        return read.compose(v -> chunks(ids, from + pace.chunk(), pace, each));
    }

    static boolean same(Stats a, Stats b) {
        return a.n() == b.n() && close(a.sy(), b.sy()) && close(a.w(), b.w()) && close(a.wy(), b.wy())
                && close(a.w2(), b.w2()) && close(a.w2y(), b.w2y()) && close(a.wy2(), b.wy2()) && close(a.w2y2(), b.w2y2());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    static JsonObject json(Stats s) {
        return new JsonObject().put("n", s.n()).put("sy", s.sy()).put("w", s.w()).put("wy", s.wy()).put("w2", s.w2())
                .put("w2y", s.w2y()).put("wy2", s.wy2()).put("w2y2", s.w2y2());
    }
}
