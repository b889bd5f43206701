package org.tonle.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 backend of mongo-java-server, made to keep what it acknowledges.
 *
 * <p>Stock H2Backend commits its MVStore in the background, so a crash shortly after an
 * acknowledged write loses it (and can keep a document while losing its unique-index entry). Here
 * auto-commit is off; write commands run one at a time, and a write command's reply is only sent
 * once a commit that includes it is on disk. Commits are shared (group commit): the first waiting
 * writer commits everything written so far, and writers that arrived meanwhile find themselves
 * already durable; a write that asks only to be applied ({@code w: 1}) does not wait. A failed
 * commit stops the store: nothing more is acknowledged. Documents and index keys are encoded by
 * {@link StoreDataType} (see {@link StoreDatabase}).
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final MVStore mvStore;
    private final boolean fsync;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long written;
    private volatile long durable;
    private volatile Throwable failure;
    private volatile long commits;

    DurableH2Backend(MVStore mvStore, boolean fsync) {
        super(mvStore);
        this.mvStore = mvStore;
        this.fsync = fsync;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // runs inside H2Backend's constructor for the databases already in the file: only
        // the superclass's state is there yet
        return new StoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (failure != null) {
            throw new MongoServerError(91, "ShutdownInProgress", "the embedded store stopped after a failed commit: "
                    + failure.getMessage());
        }
        if (!isWrite(command, query)) {
            // Retention is 0 and compaction runs every 2 s, so the chunks an old version lives in can
            // be freed at once. A read pins the version it reads: a full scan takes half a minute at
            // a million submissions, and without this it failed with "Chunk ... not found".
            MVStore.TxCounter pinned = mvStore.registerVersionUsage();
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                mvStore.deregisterVersionUsage(pinned);
            }
        }
        Document reply;
        long sequence;
        writeLock.lock();
        try {
            reply = super.handleCommand(channel, database, command, query);
            sequence = ++written;
        } finally {
            writeLock.unlock();
        }
        if (!appliedIsEnough(query)) {
            awaitDurable(sequence);
        }
        return reply;
    }

    /**
     * Write concern {@code {w: 1}} without {@code j: true} asks, as in MongoDB, only for the write
     * to be applied: it is answered at once and reaches the disk with the next commit. Commits
     * take everything written before them, so any durable write that follows makes it durable too.
     * Every other write (no write concern, majority, journaled) is answered once it is on disk.
     */
    private static boolean appliedIsEnough(Document query) {
        return query.get("writeConcern") instanceof Document concern && concern.get("w") instanceof Number w && w.intValue() == 1
                && !Boolean.TRUE.equals(concern.get("j")) && !Boolean.TRUE.equals(concern.get("fsync"));
    }

    /** Returns once a commit covering write number {@code sequence} is on disk. */
    private void awaitDurable(long sequence) {
        if (durable >= sequence) {
            return;
        }
        commitLock.lock();
        try {
            if (durable >= sequence) {
                return;
            }
            long covered;
            writeLock.lock();
            try {
                covered = written;
                mvStore.commit();
            } finally {
                writeLock.unlock();
            }
            if (fsync) {
                mvStore.sync();
            }
            durable = covered;
            commits++;
        } catch (RuntimeException e) {
            failure = e;
            log.error("Commit of the embedded store failed; it stops acknowledging writes", e);
            throw new MongoServerError(91, "ShutdownInProgress", "the embedded store could not commit: " + e.getMessage());
        } finally {
            commitLock.unlock();
        }
    }

    /** Rewrites sparse chunks so the file does not grow without bound; runs under the commit lock. */
    void compact(int targetFillRate, int maxWriteBytes) {
        commitLock.lock();
        try {
            writeLock.lock();
            try {
                mvStore.compact(targetFillRate, maxWriteBytes);
                mvStore.commit();
            } finally {
                writeLock.unlock();
            }
            if (fsync) {
                mvStore.sync();
            }
        } finally {
            commitLock.unlock();
        }
    }

    long commits() {
        return commits;
    }

    boolean healthy() {
        return failure == null;
    }

    private static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> stages) {
            return stages.stream().anyMatch(s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return false;
    }
}
