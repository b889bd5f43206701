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

/**
 * Rebuilds every aggregate table from the stored submissions and corrects what differs, while
 * submissions keep being accepted. Every writer is asked to pause adding batches; once all live
 * writers confirm, the tables cannot move. A submission then belongs in a table if its batch is
 * finished (its intent is gone), or, for an unfinished batch, if that table's guard shows the batch
 * was already added there. After the correction the pause ends and queued batches are added.
 */
public final class Recompute {

    static final long MAX_PAUSE_MILLIS = 300_000;
    /** Submissions read per lookup: small enough to keep memory flat, large enough to keep round trips few. */
    private static final int SCAN_CHUNK = 2_000;
    private static final long ACK_TIMEOUT_MILLIS = 15_000;
    private static final int REPORTED_DIFFERENCES = 50;
    private static final double TOLERANCE = 1e-9;

    /** No live writer confirmed the pause in time. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final Vertx vertx;
    private final AggregateStore store;
    private final Aggregator aggregator;

    /** There are more submissions than this process can rescan at once (see {@link #Recompute}). */
    public static final class TooLarge extends RuntimeException {
        final long submissions;
        final long limit;

        TooLarge(long submissions, long limit) {
            super(submissions + " submissions, limit " + limit, null, false, false);
            this.submissions = submissions;
            this.limit = limit;
        }

        public long submissions() {
            return submissions;
        }

        public long limit() {
            return limit;
        }
    }

    private final long maxSubmissions;

    /**
     * @param maxSubmissions the most submissions one rescan may read (0: no limit). The embedded
     *     store holds a query's whole result in memory, so there the limit follows the heap.
     */
    public Recompute(Vertx vertx, AggregateStore store, Aggregator aggregator, long maxSubmissions) {
        this.vertx = vertx;
        this.store = store;
        this.aggregator = aggregator;
        this.maxSubmissions = maxSubmissions;
    }

    /** Fails with {@link TooLarge} when a rescan would read more submissions than this process can hold. */
    public Future<Void> check() {
        return store.countSubmissions().compose(count -> maxSubmissions > 0 && count > maxSubmissions
                ? Future.failedFuture(new TooLarge(count, maxSubmissions)) : Future.succeededFuture());
    }

    public Future<JsonObject> run() {
        long started = System.currentTimeMillis();
        long until = started + MAX_PAUSE_MILLIS;
        return check()
                .compose(v -> store.requestPause(aggregator.writer(), until))
                .compose(v -> awaitAcknowledgements(until, started + ACK_TIMEOUT_MILLIS))
                .compose(v -> Future.all(store.intents(), store.readAll()))
                .compose(both -> {
                    Set<String> pending = new HashSet<>();
                    List<JsonObject> intents = both.resultAt(0);
                    intents.forEach(i -> pending.add(i.getString("_id")));
                    Map<String, AggregateStore.Guarded> stored = both.resultAt(1);
                    return scan(pending, stored).compose(truth -> correct(stored, truth.tables())
                            .map(report -> report.put("submissions", truth.submissions())
                                    .put("durationMs", System.currentTimeMillis() - started)));
                })
                // also when the count refused the recompute: there is no pause then, and deleting none is harmless
                .eventually(() -> store.endPause());
    }

    private Future<Void> awaitAcknowledgements(long until, long deadline) {
        return Future.all(store.pause(), store.writers()).compose(both -> {
            JsonObject pause = both.resultAt(0);
            Map<String, Long> writers = both.resultAt(1);
            JsonObject acks = pause == null ? new JsonObject() : pause.getJsonObject("acks", new JsonObject());
            long now = System.currentTimeMillis();
            boolean all = writers.entrySet().stream()
                    .filter(w -> aggregator.alive(writers, w.getKey(), now))
                    .allMatch(w -> acks.getLong(w.getKey(), 0L) == until);
            if (all) {
                return Future.succeededFuture();
            }
            if (now > deadline) {
                return Future.failedFuture(new Busy("not every server process confirmed the pause"));
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(50, t -> awaitAcknowledgements(until, deadline).onComplete(later));
            return later.future();
        });
    }

    private record Truth(Map<String, Map<String, Stats>> tables, long submissions) {}

    /**
     * Reads every submission, a chunk of ids at a time, adding its contributions to the tables it
     * belongs in, on a worker. Batches whose intents appeared after {@code pending} was read were
     * stored during the pause and are added by their writers after it: they are left out.
     */
    private Future<Truth> scan(Set<String> pending, Map<String, AggregateStore.Guarded> stored) {
        Map<String, Map<String, Stats>> truth = new HashMap<>();
        return store.submissionIds().compose(ids -> store.intents().compose(after -> {
            Set<String> late = new HashSet<>();
            after.forEach(i -> late.add(i.getString("_id")));
            late.removeAll(pending);
            long[] read = {0};
            return chunks(ids, 0, docs -> {
                read[0] += docs.size();
                return add(docs, pending, late, stored, truth);
            }).map(v -> new Truth(truth, read[0]));
        }));
    }

    /** Reads {@code ids} from {@code from} on, one chunk after the other. */
    private Future<Void> chunks(List<String> ids, int from, java.util.function.Function<List<JsonObject>, Future<Void>> each) {
        if (from >= ids.size()) {
            return Future.succeededFuture();
        }
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SCAN_CHUNK));
        return store.submissions(chunk).compose(each).compose(v -> chunks(ids, from + SCAN_CHUNK, each));
    }

    private Future<Void> add(List<JsonObject> docs, Set<String> pending, Set<String> late,
            Map<String, AggregateStore.Guarded> stored, Map<String, Map<String, Stats>> truth) {
        return vertx.executeBlocking(() -> {
            for (JsonObject doc : docs) {
                String batch = doc.getString("agg");
                if (batch != null && late.contains(batch)) {
                    continue;
                }
                Map<String, Map<String, Stats>> mine = aggregator.deltas(List.of(doc));
                if (batch != null && pending.contains(batch)) {
                    String writer = batch.substring(0, batch.indexOf(':'));
                    long seq = Long.parseLong(batch.substring(batch.indexOf(':') + 1));
                    mine.keySet().removeIf(table -> {
                        AggregateStore.Guarded t = stored.get(table);
                        return t == null || t.applied().getOrDefault(writer, 0L) < seq;
                    });
                }
                Contributions.merge(truth, mine);
            }
            return null;
        });
    }

    private Future<JsonObject> correct(Map<String, AggregateStore.Guarded> stored, Map<String, Map<String, Stats>> truth) {
        Map<String, Map<String, Stats>> corrections = new HashMap<>();
        JsonArray reported = new JsonArray();
        long cells = 0;
        long differences = 0;
        Set<String> tables = new TreeSet<>(truth.keySet());
        tables.addAll(stored.keySet());
        for (String table : tables) {
            Map<String, Stats> want = truth.getOrDefault(table, Map.of());
            Map<String, Stats> have = stored.containsKey(table) ? stored.get(table).cells() : Map.of();
            Set<String> keys = new TreeSet<>(want.keySet());
            keys.addAll(have.keySet());
            boolean differs = false;
            for (String key : keys) {
                cells++;
                Stats w = want.getOrDefault(key, Stats.EMPTY);
                Stats h = have.getOrDefault(key, Stats.EMPTY);
                if (!same(w, h)) {
                    differs = true;
                    differences++;
                    if (reported.size() < REPORTED_DIFFERENCES) {
                        reported.add(new JsonObject().put("table", table).put("cell", key)
                                .put("stored", AggregateStore.toJson(h)).put("recomputed", AggregateStore.toJson(w)));
                    }
                }
            }
            if (differs) {
                corrections.put(table, want);
            }
        }
        JsonObject report = new JsonObject().put("tables", tables.size()).put("cells", cells)
                .put("differences", differences).put("correctedTables", corrections.size()).put("examples", reported);
        return store.replace(corrections).map(v -> report);
    }

    static boolean same(Stats a, Stats b) {
        return a.n() == b.n() && close(a.sy(), b.sy()) && close(a.w(), b.w()) && close(a.wy(), b.wy())
                && close(a.w2(), b.w2()) && close(a.w2y(), b.w2y()) && close(a.wy2(), b.wy2()) && close(a.w2y2(), b.w2y2());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
