package org.tonle.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;

/** Recognises, by the driver's error code, a write refused only because its unique key is already stored. */
public final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** Whether a single write was refused only because its unique key is already stored. */
    public static boolean isDuplicate(Throwable failure) {
        return failure instanceof MongoWriteException e && e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /**
     * The positions of a write (0 for a single insert, the request index in a bulk write) refused
     * as duplicate keys; fails with {@code failure} when anything else went wrong.
     */
    public static Future<Set<Integer>> positions(Throwable failure) {
        if (isDuplicate(failure)) {
            return Future.succeededFuture(Set.of(0));
        }
        if (failure instanceof MongoBulkWriteException e && e.getWriteConcernError() == null) {
            Set<Integer> duplicates = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    return Future.failedFuture(failure);
                }
                duplicates.add(error.getIndex());
            }
            return Future.succeededFuture(duplicates);
        }
        return Future.failedFuture(failure);
    }
}
