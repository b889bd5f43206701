package org.tonle.store;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoServerException;

/** Classifies driver failures: which ones mean "the database is not answering, try again". */
public final class StoreFailures {

    private static final int SHUTDOWN_IN_PROGRESS = 91;
    /**
     * MongoDB's OutOfDiskSpace; the embedded store answers it to every command while it cannot
     * write its file. Unlike ShutdownInProgress it does not make the driver drop its connections
     * and wait for the server to come back, so clients hear 503 at once.
     */
    public static final int CANNOT_WRITE = 14031;

    private StoreFailures() {
    }

    /** A write not attempted for now because it could not be made safely (try again shortly): answered like an unavailable store. */
    public static final class TryAgain extends RuntimeException {
        public TryAgain(String message) {
            super(message, null, false, false);
        }
    }

    public static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TryAgain) {
                return true;
            }
            if (c instanceof MongoSocketException || c instanceof MongoTimeoutException
                    || c instanceof MongoNotPrimaryException || c instanceof MongoNodeIsRecoveringException) {
                return true;
            }
            if (c instanceof MongoServerException e && (e.getCode() == SHUTDOWN_IN_PROGRESS || e.getCode() == CANNOT_WRITE)) {
                return true;
            }
        }
        return false;
    }
}
