package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores submissions arriving from many requests together: while one write is in flight, new ones
 * wait, and then all of them go in one batch (one intent, one insert, one commit). Under load this
 * turns hundreds of small writes into a few large ones; a lone request is written at once.
 * Runs on one event loop; not thread-safe by design.
 */
final class Ingestor {

    private static final int MAX_BATCH = 1000;

    private record Pending(List<JsonObject> documents, Promise<Set<Integer>> duplicates) {}

    private final SubmissionStore store;
    private final IngestHooks hooks;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    Ingestor(SubmissionStore store, IngestHooks hooks) {
        this.store = store;
        this.hooks = hooks;
    }

    /** Stores the documents; answers the positions (within {@code documents}) refused as duplicates. */
    Future<Set<Integer>> store(List<JsonObject> documents) {
        if (documents.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        Promise<Set<Integer>> promise = Promise.promise();
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
        List<String> ids = documents.stream().map(d -> d.getString("_id")).toList();
        hooks.beforeStore(ids)
                .compose(batchId -> {
                    documents.forEach(d -> d.put("agg", batchId));
                    return store.insertAll(documents).onFailure(e -> hooks.storeFailed(batchId, ids)).map(duplicates -> {
                        List<JsonObject> stored = new ArrayList<>();
                        for (int i = 0; i < documents.size(); i++) {
                            if (!duplicates.contains(i)) {
                                stored.add(documents.get(i));
                            }
                        }
                        hooks.stored(batchId, stored);
                        return duplicates;
                    });
                })
                .onComplete(ar -> {
                    int offset = 0;
                    for (Pending p : batch) {
                        if (ar.failed()) {
                            p.duplicates().fail(ar.cause());
                        } else {
                            Set<Integer> mine = new HashSet<>();
                            for (int i = 0; i < p.documents().size(); i++) {
                                if (ar.result().contains(offset + i)) {
                                    mine.add(i);
                                }
                            }
                            p.duplicates().complete(mine);
                        }
                        offset += p.documents().size();
                    }
                    writeNext();
                });
    }
}
