package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What happens around storing a batch of submissions: before, a record that the batch is about to
 * be stored (so a crash cannot leave stored submissions uncounted); after, the stored documents,
 * to be counted. Implemented by the indicators.
 */
public interface IngestHooks {

    /** Called before the batch is stored; its value is written into each stored document as {@code agg}. */
    Future<String> beforeStore(List<String> submissionIds);

    /**
     * Called right before the write of batch {@code batchId} is sent: fails if the writer may by
     * now be taken for stopped (its lease ran out and could not be renewed under the same epoch),
     * so that nothing is written under a batch that another process may be finishing.
     */
    default Future<Void> beforeWrite(String batchId) {
        return Future.succeededFuture();
    }

    /** Whether batch {@code batchId} is in the tables everywhere it belongs (its intent is gone). */
    default Future<Boolean> settled(String batchId) {
        return Future.succeededFuture(true);
    }

    /** Called once with the documents that were stored (duplicates left out), in the order of {@link #beforeStore}. */
    void stored(String batchId, List<JsonObject> documents);

    /**
     * Called instead of {@link #stored} when the write failed: some of the documents may be
     * stored all the same (a lost reply, a partial bulk write), so they must be looked up.
     */
    void storeFailed(String batchId, List<String> submissionIds);
}
