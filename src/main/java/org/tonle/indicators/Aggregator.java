package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.submissions.IngestHooks;

/**
 * Keeps the indicator tables equal to the sum of the contributions of the stored submissions, in
 * one server process among any number sharing the database: the scheduling around the
 * {@link Ledger}, which holds the protocol's invariant.
 *
 * <p>The process claims a writer slot ({@link Slots}) and heartbeats it. Each batch of submissions
 * gets the next sequence number and an intent before it is stored; once stored, its contributions
 * queue up and are added to the slot's table documents, many batches at a time under load. Every
 * process also sweeps for intents of writers that stopped heartbeating and finishes them.
 */
public final class Aggregator implements IngestHooks {

    private static final Logger log = LoggerFactory.getLogger(Aggregator.class);

    private static final long RETRY_MILLIS = 1_000;
    /** Failed attempts after which a run is parked: retried every {@link #PARKED_RETRY_MILLIS}, while later runs go on. */
    private static final int PARK_AFTER_ATTEMPTS = 5;
    private static final long PARKED_RETRY_MILLIS = 60_000;
    private static final int MAX_GROUP = 200;
    static final long GATHER_MILLIS = 100;
    static final long MAX_GATHER_MILLIS = 500;
    private static final long STOP_DRAIN_MILLIS = 5_000;
    private static final long INGESTING_MILLIS = 1_000;

    /**
     * Stored batches of one writer, consecutive in sequence: their summed contributions, or (for
     * one batch whose write failed) the ids to look up first.
     */
    private static final class Run {
        final Writer writer;
        final List<Long> seqs = new ArrayList<>();
        final Contributions.Sum sum;
        final List<String> unresolved;
        int attempts;
        long notBefore;

        Run(Writer writer, long seq, Contributions.Sum sum, List<String> unresolved) {
            this.writer = writer;
            this.seqs.add(seq);
            this.sum = sum;
            this.unresolved = unresolved;
        }
    }

    private final Vertx vertx;
    private final Slots slots;
    private final Intents intents;
    private final Ledger ledger;
    private final LongSupplier clock;
    private final long deadAfterMillis;
    private final ArrayDeque<Run> queue = new ArrayDeque<>();
    private final List<Run> parked = new ArrayList<>();
    /** Per writer (this process's, current and earlier epochs), the batches it stored that are not yet added. */
    private final Map<Writer, TreeSet<Long>> unfinished = new HashMap<>();
    private final List<Consumer<Set<String>>> listeners = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();
    private Writer writer;
    private long nextSeq = 1;
    private long lastBeat;
    /** The heartbeat in flight, shared by whoever needs one meanwhile (the timer, a lease check). */
    private Future<Void> beating;
    private boolean applying;
    private boolean waiting;
    private boolean sweeping;
    private long lastApplied;
    private long lastApplyMillis;
    private long batchesAdded;
    private long lastStored = Long.MIN_VALUE / 2;
    private volatile int unfinishedSeen = -1;

    private final boolean background;

    /** @param background whether to heartbeat and sweep on timers (tests that drive every step themselves say no) */
    Aggregator(Vertx vertx, Slots slots, Intents intents, Ledger ledger, LongSupplier clock, long deadAfterMillis, boolean background) {
        this.vertx = vertx;
        this.background = background;
        this.slots = slots;
        this.intents = intents;
        this.ledger = ledger;
        this.clock = clock;
        this.deadAfterMillis = deadAfterMillis;
    }

    /**
     * Claims a writer slot and starts heartbeating and sweeping. {@code alone}: no other process
     * can use this database (the embedded store's file is locked), so every intent left behind is
     * a previous run's, and is finished before this returns: the first score read counts them.
     */
    public Future<Void> start(boolean alone) {
        Future<Void> leftovers = alone ? finishLeftovers() : Future.succeededFuture();
        return leftovers.compose(v -> slots.claim(alone)).map(claimed -> {
            writer = claimed;
            lastBeat = clock.getAsLong();
            log.info("Adding to the indicator tables as writer {}", writer);
            if (background) {
                timers.add(vertx.setPeriodic(Math.max(50, deadAfterMillis / 6), t -> heartbeat()));
                timers.add(vertx.setPeriodic(Math.max(100, deadAfterMillis / 3), t -> sweep()));
                sweep();
            }
            return null;
        });
    }

    private Future<Void> finishLeftovers() {
        return intents.all().compose(all -> {
            if (all.isEmpty()) {
                return Future.succeededFuture();
            }
            long started = clock.getAsLong();
            return recoverAll(all).onSuccess(v -> log.info(
                    "Finished {} batch(es) that the previous run had stored but not yet counted, in {} ms, before accepting requests",
                    all.size(), clock.getAsLong() - started));
        });
    }

    /**
     * Adds what is still queued (for a few seconds at most), then gives the slot up, so that
     * anything left is recovered at once by another process.
     */
    public Future<Void> stop() {
        timers.forEach(vertx::cancelTimer);
        Promise<Void> drained = Promise.promise();
        drain(clock.getAsLong() + STOP_DRAIN_MILLIS, drained);
        return drained.future().compose(v -> writer == null ? Future.succeededFuture() : slots.release(writer))
                .recover(e -> Future.succeededFuture());
    }

    private void drain(long deadline, Promise<Void> drained) {
        if (idle() || clock.getAsLong() > deadline) {
            drained.complete();
            return;
        }
        applyNext();
        vertx.setTimer(20, t -> drain(deadline, drained));
    }

    /** Called with the tables changed by each added batch. */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    /** This process's writer, e.g. {@code "0.3"}: slot 0, epoch 3. */
    public String writer() {
        return String.valueOf(writer);
    }

    /** Whether this process stored submissions within the last {@value #INGESTING_MILLIS} ms. */
    public boolean ingesting() {
        return clock.getAsLong() - lastStored < INGESTING_MILLIS;
    }

    /** Batches added by this process since it started. */
    public long batchesAdded() {
        return batchesAdded;
    }

    /** Batches this process stored or changed that are not yet added to the tables. */
    public int pendingBatches() {
        return unfinished.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** Batches of any process not yet added everywhere, as the last sweep found them (-1 before the first). */
    public int unfinishedSeen() {
        return unfinishedSeen;
    }

    /** Runs waiting to be added again after failing repeatedly. */
    public int parkedRuns() {
        return parked.size();
    }

    /** Whether writer {@code other} (as {@link #writer()} spells it) still heartbeats. */
    public Future<Boolean> alive(String other) {
        Writer w = Writer.parse(other);
        return w == null ? Future.succeededFuture(false) : slots.liveness().map(l -> l.alive(w));
    }

    /**
     * Writes the batch's intent. If this process has not heartbeaten for half the timeout (a long
     * pause), it heartbeats first, and takes a new epoch if its old one was given away: a batch is
     * never stored under an epoch that others may already be recovering.
     */
    @Override
    public Future<String> beforeStore(List<String> submissionIds) {
        Future<Void> lease = clock.getAsLong() - lastBeat > deadAfterMillis / 2 ? beat() : Future.succeededFuture();
        return lease.compose(v -> {
            Writer w = writer;
            long seq = nextSeq++;
            unfinished.computeIfAbsent(w, k -> new TreeSet<>()).add(seq);
            BatchId batch = w.batch(seq);
            return intents.write(batch, submissionIds).map(x -> batch.toString())
                    .onFailure(e -> finished(w, List.of(seq)));
        });
    }

    /**
     * The write of a batch may go ahead only while this process holds its writer's lease: it
     * heartbeated within half the timeout (renewing now if not) and its epoch is still the one the
     * batch was named under. Others finish a writer's batches only after the whole timeout without
     * a heartbeat, so a write sent now lands well before anyone could be reading it half-done.
     */
    @Override
    public Future<Void> beforeWrite(String batchId) {
        Writer named = BatchId.parse(batchId).writer();
        Future<Void> lease = clock.getAsLong() - lastBeat > deadAfterMillis / 2 ? beat() : Future.succeededFuture();
        return lease.compose(v -> named.equals(writer) && clock.getAsLong() - lastBeat <= deadAfterMillis / 2 ? Future.<Void>succeededFuture()
                : Future.failedFuture(new org.tonle.store.StoreFailures.TryAgain("the writer's lease lapsed before batch " + batchId
                        + " was written; nothing was stored")));
    }

    @Override
    public Future<Boolean> settled(String batchId) {
        return intents.find(batchId).map(intent -> intent == null);
    }

    @Override
    public void stored(String batchId, List<JsonObject> documents) {
        lastStored = clock.getAsLong();
        BatchId batch = BatchId.parse(batchId);
        Run tail = queue.peekLast();
        if (tail != null && tail.unresolved == null && tail.writer.equals(batch.writer()) && tail.seqs.size() < MAX_GROUP
                && tail.attempts == 0) {
            ledger.addStored(tail.sum, documents);
            tail.seqs.add(batch.seq());
        } else {
            Run run = new Run(batch.writer(), batch.seq(), ledger.sum(), null);
            ledger.addStored(run.sum, documents);
            queue.add(run);
        }
        scheduleApply();
    }

    @Override
    public void storeFailed(String batchId, List<String> submissionIds) {
        BatchId batch = BatchId.parse(batchId);
        queue.add(new Run(batch.writer(), batch.seq(), null, submissionIds));
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
            long wait = gather - (clock.getAsLong() - lastApplied);
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
        return queue.isEmpty() && parked.isEmpty() && !applying;
    }

    /** Adds the next run (a parked one whose time has come first), merging the queued runs of one writer. */
    private void applyNext() {
        if (applying) {
            return;
        }
        Run run = nextRun();
        if (run == null) {
            return;
        }
        applying = true;
        long started = clock.getAsLong();
        resolve(run)
                .compose(deltas -> ledger.addRun(run.writer, run.seqs, floor(run), deltas))
                .onComplete(ar -> {
                    applying = false;
                    lastApplied = clock.getAsLong();
                    if (ar.succeeded()) {
                        lastApplyMillis = lastApplied - started;
                        finished(run.writer, run.seqs);
                        batchesAdded += run.seqs.size();
                        notifyListeners(ar.result());
                        scheduleApply();
                    } else {
                        failed(run, ar.cause());
                    }
                });
    }

    /**
     * The highest sequence number below which every batch of the run's writer is finished: the
     * documents may hold all of them (those that touched a document are in it already; holding
     * the others changes no count), which keeps each epoch one range.
     */
    private long floor(Run run) {
        TreeSet<Long> open = unfinished.get(run.writer);
        return open == null || open.isEmpty() ? 0 : Math.min(open.first(), run.seqs.get(0)) - 1;
    }

    private void finished(Writer w, List<Long> seqs) {
        TreeSet<Long> open = unfinished.get(w);
        if (open != null) {
            seqs.forEach(open::remove);
            if (open.isEmpty() && !w.equals(writer)) {
                unfinished.remove(w);
            }
        }
    }

    private Run nextRun() {
        long now = clock.getAsLong();
        for (Run p : parked) {
            if (p.notBefore <= now) {
                parked.remove(p);
                return p;
            }
        }
        Run run = queue.poll();
        while (run != null && run.unresolved == null && !queue.isEmpty() && queue.peek().unresolved == null
                && queue.peek().writer.equals(run.writer) && queue.peek().attempts == 0 && run.attempts == 0
                && run.seqs.size() + queue.peek().seqs.size() <= MAX_GROUP) {
            Run more = queue.poll();
            run.sum.addAll(more.sum);
            run.seqs.addAll(more.seqs);
        }
        return run;
    }

    /**
     * A run that failed is tried again at the head of the queue, and after
     * {@value #PARK_AFTER_ATTEMPTS} failures in a row it is parked (retried every minute, marked on
     * its intents for an admin to see), so that it never holds up the batches after it.
     */
    private void failed(Run run, Throwable cause) {
        run.attempts++;
        String range = run.writer.batch(run.seqs.get(0)) + ".." + run.seqs.get(run.seqs.size() - 1);
        if (run.attempts < PARK_AFTER_ATTEMPTS) {
            log.warn("Could not add batches {} to the indicator tables (attempt {}); retrying: {}", range, run.attempts, cause.toString());
            queue.addFirst(run);
            vertx.setTimer(RETRY_MILLIS, t -> applyNext());
            return;
        }
        log.error("Batches {} failed to be added {} times; parked (retried every minute) while later batches go on: {}",
                range, run.attempts, cause.toString());
        run.notBefore = clock.getAsLong() + PARKED_RETRY_MILLIS;
        parked.add(run);
        intents.park(run.seqs.stream().map(s -> run.writer.batch(s).toString()).toList(), cause.toString(), run.attempts)
                .onFailure(e -> log.warn("Could not mark parked batches: {}", e.toString()));
        vertx.setTimer(PARKED_RETRY_MILLIS, t -> applyNext());
        scheduleApply();
    }

    /** The run's contributions, looking up first what a failed write stored after all. */
    private Future<Ledger.Deltas> resolve(Run run) {
        if (run.unresolved == null) {
            return Future.succeededFuture(Ledger.deltas(run.sum));
        }
        String batchId = run.writer.batch(run.seqs.get(0)).toString();
        return ledger.storedOf(batchId, run.unresolved);
    }

    private void heartbeat() {
        beat().onFailure(e -> log.warn("Heartbeat failed: {}", e.toString()));
    }

    /** Heartbeats; if this process's epoch was given away meanwhile (it was taken for dead), claims a new one. */
    private Future<Void> beat() {
        if (beating == null) {
            beating = beatOnce().onComplete(ar -> beating = null);
        }
        return beating;
    }

    private Future<Void> beatOnce() {
        Writer w = writer;
        long at = clock.getAsLong();
        return slots.heartbeat(w).compose(ours -> {
            if (ours) {
                lastBeat = Math.max(lastBeat, at);
                return Future.succeededFuture();
            }
            return slots.claim(false).map(claimed -> {
                if (writer.equals(w)) {
                    log.warn("This process was taken for stopped (no heartbeat for over {} ms): writer {} is over, "
                            + "going on as {}; what it had queued is still added, each batch once", deadAfterMillis, w, claimed);
                    writer = claimed;
                    nextSeq = 1;
                    lastBeat = at;
                }
                return null;
            });
        });
    }

    /** Finishes the intents of writers that stopped heartbeating. */
    Future<Void> sweep() {
        if (sweeping) {
            return Future.succeededFuture();
        }
        sweeping = true;
        return Future.all(intents.all(), slots.liveness()).compose(both -> {
            List<JsonObject> all = both.resultAt(0);
            unfinishedSeen = all.size();
            Slots.Liveness liveness = both.resultAt(1);
            List<JsonObject> orphaned = all.stream().filter(i -> !i.containsKey("parked") && orphaned(i, liveness)).toList();
            return recoverAll(orphaned);
        }).onComplete(ar -> {
            sweeping = false;
            if (ar.failed()) {
                log.warn("Recovery sweep failed; will try again: {}", ar.cause().toString());
            }
        });
    }

    /** Heartbeats now (see {@link #beat}). */
    Future<Void> heartbeatNow() {
        return beat();
    }

    private boolean orphaned(JsonObject intent, Slots.Liveness liveness) {
        BatchId batch = BatchId.parse(intent.getString("_id"));
        if (batch == null) {
            return true;
        }
        return !batch.writer().equals(writer) && !liveness.alive(batch.writer());
    }

    /** Recovers intents one after the other, in writer and sequence order. */
    private Future<Void> recoverAll(List<JsonObject> orphaned) {
        List<JsonObject> ordered = new ArrayList<>(orphaned);
        ordered.sort(Comparator.comparing((JsonObject i) -> i.getString("_id").substring(0, i.getString("_id").lastIndexOf(':')))
                .thenComparingLong(i -> i.getLong("seq", 0L)));
        Future<Void> chain = Future.succeededFuture();
        for (JsonObject intent : ordered) {
            chain = chain.compose(v -> ledger.recover(intent).map(tables -> {
                notifyListeners(tables);
                return null;
            }));
        }
        return chain;
    }

    private void notifyListeners(Set<String> tables) {
        listeners.forEach(l -> l.accept(tables));
    }
}
