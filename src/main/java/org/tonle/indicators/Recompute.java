package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds every table from the stored submissions and corrects what differs, while submissions
 * keep being accepted and added: nobody pauses. The {@link Recount} is exact against the snapshot
 * it took first, and each correction is made relative to that snapshot, so batches added
 * meanwhile stay counted once. Two recomputes at once cannot both correct one document (its
 * correction count must still be the one the snapshot read).
 */
public final class Recompute {

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

    private final Recount recount;
    private final TableStore tables;
    private final RefusedSubmissions refused;
    private final SubmissionReader submissions;
    private final long maxSubmissions;

    /**
     * @param maxSubmissions the most submissions one rescan may read (0: no limit). The embedded
     *     store holds a query's whole result in memory, so there the limit follows the heap.
     */
    Recompute(Recount recount, TableStore tables, RefusedSubmissions refused, SubmissionReader submissions, long maxSubmissions) {
        this.recount = recount;
        this.tables = tables;
        this.refused = refused;
        this.submissions = submissions;
        this.maxSubmissions = maxSubmissions;
    }

    /** Fails with {@link TooLarge} when a rescan would read more submissions than this process can hold. */
    public Future<Void> check() {
        return submissions.count().compose(count -> maxSubmissions > 0 && count > maxSubmissions
                ? Future.failedFuture(new TooLarge(count, maxSubmissions)) : Future.succeededFuture());
    }

    public Future<JsonObject> run() {
        long started = System.currentTimeMillis();
        return check().compose(v -> recount.run(Recount.Pace.FULL_SPEED)).compose(result -> {
            JsonObject report = result.report();
            List<Future<Boolean>> corrections = new ArrayList<>();
            for (String docId : result.documents()) {
                Map<String, Map<String, Stats>> change = result.change(docId);
                Map<BatchId, Map<String, Map<String, Stats>>> adopted = result.adopted.getOrDefault(docId, Map.of());
                if (!change.isEmpty() || !adopted.isEmpty()) {
                    corrections.add(tables.correct(docId, result.snapshot.get(docId), change, result.truth(docId), adopted));
                }
            }
            List<Future<Void>> listed = new ArrayList<>();
            result.refused.forEach((batch, ids) -> listed.add(refused.record(batch, ids)));
            return Future.all(listed).compose(v -> Future.all(corrections)).map(all -> {
                long skipped = all.<Boolean>list().stream().filter(made -> !made).count();
                return report.put("correctedTables", report.getJsonArray("differingTables").size())
                        .put("correctedDocuments", corrections.size() - skipped)
                        .put("skippedDocuments", skipped)
                        .put("durationMs", System.currentTimeMillis() - started);
            });
        });
    }
}
