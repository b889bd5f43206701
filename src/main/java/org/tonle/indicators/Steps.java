package org.tonle.indicators;

import io.vertx.core.Future;

/**
 * The points where the exactly-once protocol waits on the store, named so that a test can hold a
 * process at any of them and let the others run: a deterministic interleaving instead of "run it
 * many times and hope". The server passes {@link #NONE}.
 */
@FunctionalInterface
public interface Steps {

    /** Before a compare-and-set writes a table document back ({@code detail}: the document id). */
    String BEFORE_WRITE = "before-write";
    /** After a batch's contributions were added to every document ({@code detail}: the batch). */
    String ADDED = "added";
    /** Before a stopped writer's batch is looked up for recovery ({@code detail}: the batch). */
    String BEFORE_RECOVER = "before-recover";
    /** After a recount read the tables and before it reads the submissions ({@code detail}: empty). */
    String RECOUNT_SNAPSHOT = "recount-snapshot";
    /** Before a recompute writes its correction of a document ({@code detail}: the document id). */
    String BEFORE_CORRECT = "before-correct";

    Steps NONE = (step, detail) -> Future.succeededFuture();

    /** Completes when the caller may go on. */
    Future<Void> reached(String step, String detail);
}
