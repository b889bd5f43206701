package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.store.StoreFailures;

/**
 * Stores submissions arriving from many requests together: while one write is in flight, new ones
 * wait, and then all of them go in one batch (one intent, one insert, one commit). Under load this
 * turns hundreds of small writes into a few large ones; a lone request is written at once.
 *
 * <p>Because requests share a write, one document the store refuses must not fail the others: when
 * an insert fails for any reason but an unreachable store, its two halves are written apart, each
 * as a new attempt (new intent, new batch id), down to the single document that is refused. Every
 * attempt goes through {@link IngestHooks#beforeStore} first and ends in exactly one of
 * {@link IngestHooks#stored} or {@link IngestHooks#storeFailed} with that attempt's batch id.
 * Runs on one event loop; not thread-safe by design.
 */
final class Ingestor {

    private static final int MAX_BATCH = 1000;

    /** Inserts documents unordered; answers the positions refused as duplicate keys (SubmissionStore::insertAll). */
    interface Inserter {
        Future<Set<Integer>> insertAll(List<JsonObject> documents);
    }

    /**
     * What became of one request's documents, by position: refused as already stored, or refused
     * by the store for another reason (the cause). The others are stored.
     */
    record Stored(Set<Integer> duplicates, Map<Integer, Throwable> failed) {}

    private record Pending(List<JsonObject> documents, Promise<Stored> result) {}

    /** One attempt's result: the duplicate positions, or the cause the store refused it for. */
    private record Attempt(Set<Integer> duplicates, Throwable refused) {}

    /** The documents of one grouped write and what became of each, by position in the write. */
    private record Write(List<JsonObject> documents, Set<Integer> duplicates, Map<Integer, Throwable> failed) {}

    private final Inserter inserter;
    private final IngestHooks hooks;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    Ingestor(Inserter inserter, IngestHooks hooks) {
        this.inserter = inserter;
        this.hooks = hooks;
    }

    /** Stores the documents; answers, by position within {@code documents}, those not stored and why. */
    Future<Stored> store(List<JsonObject> documents) {
        if (documents.isEmpty()) {
            return Future.succeededFuture(new Stored(Set.of(), Map.of()));
        }
        Promise<Stored> promise = Promise.promise();
        queue.add(new Pending(documents, promise));
        if (!writing) {
            writeNext();
        }
        return promise.future();
    }

    private void writeNext() {
        if (queue.isEmpty()) {
            writing = false;
            return;
        }
        writing = true;
        List<Pending> batch = new ArrayList<>();
        List<JsonObject> documents = new ArrayList<>();
        while (!queue.isEmpty() && (batch.isEmpty() || documents.size() + queue.peek().documents().size() <= MAX_BATCH)) {
            Pending p = queue.poll();
            batch.add(p);
            documents.addAll(p.documents());
        }
        Write write = new Write(documents, new HashSet<>(), new HashMap<>());
        attempt(write, 0, documents.size()).onComplete(ar -> {
            answer(batch, write, ar.cause());
            writeNext();
        });
    }

    /**
     * Writes documents [from, to) as one attempt. When the store refuses it, the halves are tried
     * apart; a single refused document is recorded as failed. The future fails only when the store
     * cannot be reached or the intent cannot be written: then nothing is known to be stored.
     */
    private Future<Void> attempt(Write write, int from, int to) {
        return insertOnce(write.documents().subList(from, to)).compose(result -> {
            if (result.refused() == null) {
                result.duplicates().forEach(i -> write.duplicates().add(from + i));
                return Future.succeededFuture();
            }
            if (to - from == 1) {
                write.failed().put(from, result.refused());
                return Future.succeededFuture();
            }
            int middle = (from + to) >>> 1;
            return attempt(write, from, middle).compose(v -> attempt(write, middle, to));
        });
    }

    /**
     * One attempt under the exactly-once protocol: intent, insert carrying the batch id, then
     * stored or storeFailed. Documents of a failed attempt may be stored all the same (a partial
     * bulk write); storeFailed has them looked up, and a retry finds them as duplicates.
     */
    private Future<Attempt> insertOnce(List<JsonObject> documents) {
        List<String> ids = documents.stream().map(d -> d.getString("_id")).toList();
        return hooks.beforeStore(ids).compose(batchId -> {
            documents.forEach(d -> d.put("agg", batchId));
            return hooks.beforeWrite(batchId).compose(v -> inserter.insertAll(documents)).transform(ar -> {
                if (ar.failed()) {
                    hooks.storeFailed(batchId, ids);
                    return StoreFailures.isUnavailable(ar.cause()) ? Future.failedFuture(ar.cause())
                            : Future.succeededFuture(new Attempt(Set.of(), ar.cause()));
                }
                hooks.stored(batchId, storedOnly(documents, ar.result()));
                return Future.succeededFuture(new Attempt(ar.result(), null));
            });
        });
    }

    private static List<JsonObject> storedOnly(List<JsonObject> documents, Set<Integer> duplicates) {
        List<JsonObject> stored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!duplicates.contains(i)) {
                stored.add(documents.get(i));
            }
        }
        return stored;
    }

    /** Gives each request its share of the write's results, by position within its own documents. */
    private static void answer(List<Pending> batch, Write write, Throwable failure) {
        int offset = 0;
        for (Pending p : batch) {
            if (failure != null) {
                p.result().fail(failure);
            } else {
                Set<Integer> duplicates = new HashSet<>();
                Map<Integer, Throwable> failed = new HashMap<>();
                for (int i = 0; i < p.documents().size(); i++) {
                    if (write.duplicates().contains(offset + i)) {
                        duplicates.add(i);
                    }
                    if (write.failed().containsKey(offset + i)) {
                        failed.put(i, write.failed().get(offset + i));
                    }
                }
                p.result().complete(new Stored(duplicates, failed));
            }
            offset += p.documents().size();
        }
    }
}
