package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.submissions.IngestHooks;

/**
 * Keeps the aggregate tables equal to the sum of the contributions of the stored submissions,
 * in one server process among any number sharing the database.
 *
 * <p>This process is one writer with a random id. Each batch of submissions gets the next sequence
 * number and an intent record before it is stored; once stored, its contributions are added to
 * every table, strictly in sequence order, each table update guarded by the writer's last applied
 * number; then the intent is deleted. If the process dies anywhere in between, its heartbeat
 * stops, and any process finds the intents left behind and finishes them in order, under the dead
 * writer's id, so nothing is counted twice or left out.
 */
public final class Aggregator implements IngestHooks {

    private static final Logger log = LoggerFactory.getLogger(Aggregator.class);

    private static final long RETRY_MILLIS = 1_000;
    static final long PAUSE_POLL_MILLIS = 250;
    private static final int MAX_GROUP = 200;
    static final long GATHER_MILLIS = 100;
    static final long MAX_GATHER_MILLIS = 500;
    private static final long STOP_DRAIN_MILLIS = 5_000;

    /**
     * Stored batches, consecutive in sequence: their summed contributions, or (for one batch whose
     * write failed) the ids to look up first.
     */
    private record Batch(List<Long> seqs, Map<String, Map<String, Stats>> deltas, List<String> unresolved) {
        long last() {
            return seqs.get(seqs.size() - 1);
        }
    }

    private final Vertx vertx;
    private final AggregateStore store;
    private final Contributions contributions;
    private final String writer = HexFormat.of().formatHex(randomBytes());
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final List<Batch> group = new ArrayList<>();
    private final List<Consumer<Set<String>>> listeners = new ArrayList<>();
    private long nextSeq = 1;
    private boolean applying;
    private boolean waiting;
    private long lastApplied;
    private long lastApplyMillis;
    private boolean paused;
    private boolean sweeping;
    private final List<Long> timers = new ArrayList<>();

    private final long deadAfterMillis;

    /** @param deadAfterMillis how long a writer may go without a heartbeat before its batches are recovered */
    public Aggregator(Vertx vertx, AggregateStore store, IndicatorCatalog catalog, long deadAfterMillis) {
        this.vertx = vertx;
        this.store = store;
        this.deadAfterMillis = deadAfterMillis;
        this.contributions = new Contributions(catalog);
    }

    /** Starts the heartbeat and the recovery sweep; the first sweep runs at once. */
    public Future<Void> start() {
        return store.heartbeat(writer).onSuccess(v -> {
            timers.add(vertx.setPeriodic(deadAfterMillis / 6, t -> store.heartbeat(writer)
                    .onFailure(e -> log.warn("Heartbeat failed: {}", e.toString()))));
            timers.add(vertx.setPeriodic(deadAfterMillis / 3, t -> sweep()));
            timers.add(vertx.setPeriodic(PAUSE_POLL_MILLIS, t -> followPause()));
            sweep();
        });
    }

    /**
     * Adds what is still queued (for a few seconds at most), then withdraws this writer, so that a
     * recompute does not wait for it and anything left is recovered at once by another process.
     */
    public Future<Void> stop() {
        timers.forEach(vertx::cancelTimer);
        Promise<Void> drained = Promise.promise();
        drain(System.currentTimeMillis() + STOP_DRAIN_MILLIS, drained);
        return drained.future().compose(v -> store.forgetWriter(writer)).recover(e -> Future.succeededFuture());
    }

    private void drain(long deadline, Promise<Void> drained) {
        if (idle() || System.currentTimeMillis() > deadline) {
            drained.complete();
            return;
        }
        applyNext();
        vertx.setTimer(20, t -> drain(deadline, drained));
    }

    /** Called with the tables changed by each applied batch. */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    public String writer() {
        return writer;
    }

    @Override
    public Future<String> beforeStore(List<String> submissionIds) {
        long seq = nextSeq++;
        return store.writeIntent(writer, seq, submissionIds).map(v -> AggregateStore.batchId(writer, seq));
    }

    /**
     * Queues a stored batch. While the tables are being updated or paused, batches queue up; each
     * is summed into the one before it, so a long pause costs memory for the cells touched, not
     * for every batch.
     */
    @Override
    public void stored(String batchId, List<JsonObject> documents) {
        Map<String, Map<String, Stats>> deltas = deltas(documents);
        Batch tail = queue.peekLast();
        if (tail != null && tail.unresolved() == null && tail.seqs().size() < MAX_GROUP) {
            Contributions.merge(tail.deltas(), deltas);
            tail.seqs().add(seq(batchId));
        } else {
            queue.add(new Batch(new ArrayList<>(List.of(seq(batchId))), deltas, null));
        }
        scheduleApply();
    }

    @Override
    public void storeFailed(String batchId, List<String> submissionIds) {
        queue.add(new Batch(List.of(seq(batchId)), null, submissionIds));
        scheduleApply();
    }

    /**
     * Adds what is queued at once when the tables were last updated a while ago, otherwise once
     * {@link #GATHER_MILLIS} (or twice the last update's duration, up to {@link #MAX_GATHER_MILLIS})
     * have passed since: updating every table costs about the same for one batch as for a hundred,
     * so under load batches gather instead of each paying it, while scores stay under a second old.
     */
    private void scheduleApply() {
        if (!applying && !waiting && !queue.isEmpty()) {
            long gather = Math.min(MAX_GATHER_MILLIS, Math.max(GATHER_MILLIS, 2 * lastApplyMillis));
            long wait = gather - (System.currentTimeMillis() - lastApplied);
            if (wait <= 0) {
                applyNext();
                return;
            }
            waiting = true;
            vertx.setTimer(wait, t -> {
                waiting = false;
                applyNext();
            });
        }
    }

    /** Whether every batch this process stored has been added to the tables. */
    public boolean idle() {
        return queue.isEmpty() && group.isEmpty() && !applying;
    }

    /**
     * Follows the pause that a recompute in any process asks for: stop adding batches (they queue
     * up), and once nothing is being added, say so; resume when the pause ends.
     */
    private void followPause() {
        store.pause().compose(this::unlessOrphaned).onSuccess(pause -> {
            long until = pause == null ? 0 : pause.getLong("until", 0L);
            boolean active = until > System.currentTimeMillis();
            if (active) {
                paused = true;
                boolean acknowledged = pause.getJsonObject("acks", new JsonObject()).getLong(writer, 0L) == until;
                if (!acknowledged) {
                    Promise<Void> quiet = Promise.promise();
                    waitUntilQuiet(quiet);
                    quiet.future().compose(v -> store.acknowledgePause(writer, until));
                }
            } else if (paused) {
                paused = false;
                scheduleApply();
            }
        }).onFailure(e -> log.warn("Could not read the recompute pause: {}", e.toString()));
    }

    /**
     * The pause, unless the process that asked for it has stopped heartbeating: its recompute will
     * never end the pause, and scores must not stand still until the pause expires.
     */
    private Future<JsonObject> unlessOrphaned(JsonObject pause) {
        String by = pause == null ? null : pause.getString("by");
        if (by == null || by.equals(writer) || pause.getLong("until", 0L) <= System.currentTimeMillis()) {
            return Future.succeededFuture(pause);
        }
        return alive(by).map(alive -> {
            if (alive) {
                return pause;
            }
            if (paused) {
                log.warn("Resuming: the recompute that paused the indicators stopped with its process ({})", by);
            }
            return null;
        });
    }

    /** Whether writer {@code other} still heartbeats: one silent for longer than the timeout has stopped. */
    Future<Boolean> alive(String other) {
        return store.writers().map(beats -> alive(beats, other, System.currentTimeMillis()));
    }

    boolean alive(Map<String, Long> heartbeats, String other, long now) {
        return now - heartbeats.getOrDefault(other, 0L) <= deadAfterMillis;
    }

    private void waitUntilQuiet(Promise<Void> quiet) {
        if (!applying && !sweeping) {
            quiet.complete();
        } else {
            vertx.setTimer(10, t -> waitUntilQuiet(quiet));
        }
    }

    /**
     * Adds everything queued as one group: the sum of the batches, guarded by the last sequence
     * number. A group is retried unchanged until it succeeds, so every table holds either all of
     * its batches or none, and recovery, which goes batch by batch, stays exact.
     */
    private void applyNext() {
        if (applying || paused || (queue.isEmpty() && group.isEmpty())) {
            return;
        }
        applying = true;
        if (group.isEmpty()) {
            int batches = 0;
            while (!queue.isEmpty() && (group.isEmpty() || batches + queue.peek().seqs().size() <= MAX_GROUP)) {
                Batch next = queue.poll();
                batches += next.seqs().size();
                group.add(next);
            }
        }
        List<Long> seqs = group.stream().flatMap(b -> b.seqs().stream()).toList();
        long last = seqs.get(seqs.size() - 1);
        Map<String, Map<String, Stats>> deltas = new HashMap<>();
        long[] started = {System.currentTimeMillis()};
        resolve(group)
                .compose(resolved -> {
                    resolved.forEach(b -> Contributions.merge(deltas, b.deltas()));
                    started[0] = System.currentTimeMillis();
                    return store.apply(writer, last, deltas);
                })
                .compose(v -> store.deleteIntents(writer, seqs))
                .onComplete(ar -> {
                    applying = false;
                    if (ar.succeeded()) {
                        lastApplied = System.currentTimeMillis();
                        lastApplyMillis = lastApplied - started[0];
                        log.debug("Added {} batch(es) to {} tables in {} ms", seqs.size(), deltas.size(), lastApplyMillis);
                        group.clear();
                        notifyListeners(deltas.keySet());
                        scheduleApply();
                    } else {
                        log.warn("Could not add batches {}..{} to the indicator tables; retrying: {}", seqs.get(0), last,
                                ar.cause().toString());
                        vertx.setTimer(RETRY_MILLIS, t -> applyNext());
                    }
                });
    }

    /** Looks up what a failed write stored after all; the group itself is kept as it is, for retries. */
    private Future<List<Batch>> resolve(List<Batch> batches) {
        List<Future<Batch>> resolved = new ArrayList<>();
        for (Batch b : batches) {
            resolved.add(b.unresolved() == null ? Future.succeededFuture(b)
                    : store.submissionsOf(AggregateStore.batchId(writer, b.last()), b.unresolved())
                            .map(docs -> new Batch(b.seqs(), deltas(docs), null)));
        }
        return Future.all(resolved).map(all -> all.<Batch>list());
    }

    private static long seq(String batchId) {
        return Long.parseLong(batchId.substring(batchId.indexOf(':') + 1));
    }

    /** Finishes the batches of writers that stopped heartbeating, each writer's in sequence order. */
    void sweep() {
        if (sweeping || paused) {
            return;
        }
        sweeping = true;
        Future.all(store.intents(), store.writers()).compose(both -> {
            List<JsonObject> intents = both.resultAt(0);
            Map<String, Long> heartbeats = both.resultAt(1);
            long now = System.currentTimeMillis();
            Map<String, List<JsonObject>> orphaned = new LinkedHashMap<>();
            intents.stream().sorted(Comparator.comparingLong(i -> i.getLong("seq"))).forEach(intent -> {
                String w = intent.getString("writer");
                if (!w.equals(writer) && !alive(heartbeats, w, now)) {
                    orphaned.computeIfAbsent(w, k -> new ArrayList<>()).add(intent);
                }
            });
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<String, List<JsonObject>> e : orphaned.entrySet()) {
                for (JsonObject intent : e.getValue()) {
                    chain = chain.compose(v -> recover(e.getKey(), intent));
                }
            }
            heartbeats.forEach((w, beat) -> {
                if (!w.equals(writer) && !orphaned.containsKey(w) && !alive(heartbeats, w, now)) {
                    store.forgetWriter(w);
                }
            });
            return chain;
        }).onComplete(ar -> {
            sweeping = false;
            if (ar.failed()) {
                log.warn("Recovery sweep failed; will try again: {}", ar.cause().toString());
            }
        });
    }

    private Future<Void> recover(String deadWriter, JsonObject intent) {
        long seq = intent.getLong("seq");
        String batchId = AggregateStore.batchId(deadWriter, seq);
        JsonArray ids = intent.getJsonArray("submissions");
        List<String> submissionIds = new ArrayList<>();
        ids.forEach(id -> submissionIds.add((String) id));
        return store.submissionsOf(batchId, submissionIds).compose(docs -> {
            Map<String, Map<String, Stats>> deltas = deltas(docs);
            log.info("Recovering batch {} of stopped writer {}: {} submission(s)", seq, deadWriter, docs.size());
            return store.apply(deadWriter, seq, deltas).compose(v -> store.deleteIntent(deadWriter, seq))
                    .onSuccess(v -> notifyListeners(deltas.keySet()));
        });
    }

    Map<String, Map<String, Stats>> deltas(List<JsonObject> documents) {
        Contributions.Sum sum = contributions.sum();
        for (JsonObject doc : documents) {
            sum.add(doc.getString("formId"), answers(doc.getJsonObject("answers")), doc.getDouble("weight", 1.0));
        }
        return sum.deltas();
    }

    /** Stored answers as the expression language sees them: lists for select_multiple. */
    static Map<String, Object> answers(JsonObject stored) {
        Map<String, Object> answers = new HashMap<>();
        if (stored != null) {
            for (String name : stored.fieldNames()) {
                Object v = stored.getValue(name);
                answers.put(name, v instanceof JsonArray a ? a.getList() : v);
            }
        }
        return answers;
    }

    private void notifyListeners(Set<String> tables) {
        listeners.forEach(l -> l.accept(tables));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
