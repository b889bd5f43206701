package org.tonle.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * already durable; a write that asks only to be applied ({@code w: 1}) does not wait. Documents and
 * index keys are encoded by {@link StoreDataType} (see {@link StoreDatabase}).
 *
 * <p>A commit that fails (a full disk) stops this backend for good: H2 closes the file, and
 * whatever was written since the last commit, never acknowledged as durable, is dropped with it.
 * Every command but the connection handshake is then refused with {@link StoreFailures#CANNOT_WRITE},
 * until {@link EmbeddedMongo} replaces this backend with one reopened from the file.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");
    /** What the driver needs to keep its connections; refusing these would make it wait 30 s for a server. */
    private static final Set<String> HANDSHAKE = Set.of("ismaster", "hello", "buildinfo", "endsessions");
    /** Not a database's map (those start with "databases." or "meta."), so mongo-java-server never sees it. */
    private static final String PROBE_MAP = "tonle-write-probe";

    private final MVStore mvStore;
    private final String fileName;
    private final boolean fsync;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long written;
    private volatile long durable;
    private volatile String failure;
    private volatile boolean closing;
    private volatile long commits;
    private volatile long lastCommitMillis = System.currentTimeMillis();

    DurableH2Backend(MVStore mvStore, boolean fsync) {
        super(mvStore);
        this.mvStore = mvStore;
        this.fileName = mvStore.getFileStore() == null ? "memory" : mvStore.getFileStore().getFileName();
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
        String name = command.toLowerCase(Locale.ROOT);
        if (failure != null && !HANDSHAKE.contains(name)) {
            throw cannotWrite();
        }
        try {
            return isWrite(name, query) ? write(channel, database, command, query) : read(channel, database, command, query);
        } catch (RuntimeException e) {
            if (mvStore.isClosed()) {
                fail(e);
            }
            throw failure != null ? cannotWrite() : e;
        }
    }

    private Document read(Channel channel, String database, String command, Document query) {
        // Retention is 0 and compaction runs every second, so the chunks an old version lives in can
        // be freed at once. A read pins the version it reads: a full scan takes half a minute at
        // a million submissions, and without this it failed with "Chunk ... not found".
        MVStore.TxCounter pinned = mvStore.registerVersionUsage();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            mvStore.deregisterVersionUsage(pinned);
        }
    }

    private Document write(Channel channel, String database, String command, Document query) {
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

    private long writtenSoFar() {
        writeLock.lock();
        try {
            return written;
        } finally {
            writeLock.unlock();
        }
    }

    /** Returns once a commit covering write number {@code sequence} is on disk. */
    private void awaitDurable(long sequence) {
        if (durable >= sequence) {
            return;
        }
        commitLock.lock();
        try {
            if (durable < sequence) {
                commitWith(() -> { });
                commits++;
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Rewrites sparse chunks so the file does not grow without bound; answers whether it rewrote any. H2 only marks their live
     * pages changed here (as its own background writer does beside other writers), so that runs
     * without holding back writes; the commit that follows writes those pages. Small steps keep
     * that commit short: compacting 4 MB at once under the write lock held every write for up to
     * 0.9 s under load.
     */
    boolean compact(int targetFillRate, int maxWriteBytes) {
        commitLock.lock();
        try {
            if (failure != null) {
                throw cannotWrite();
            }
            boolean rewrote = mvStore.compact(targetFillRate, maxWriteBytes);
            if (rewrote || durable < writtenSoFar()) {
                // also commits the writes answered once applied ({w: 1}) within a second
                commitWith(() -> { });
            }
            return rewrote;
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * A tiny committed write, when nothing has been committed for {@code idleMillis}: so that a disk
     * that filled up while nobody wrote is noticed (and reported by /health) before a client's write is.
     */
    void probeIfIdle(long idleMillis) {
        if (System.currentTimeMillis() - lastCommitMillis < idleMillis) {
            return;
        }
        commitLock.lock();
        try {
            commitWith(() -> touch(mvStore));
        } finally {
            commitLock.unlock();
        }
    }

    /** Commits and syncs a tiny write to a store no backend uses yet: throws if the disk does not take it. */
    static void probe(MVStore mvStore) {
        touch(mvStore);
        mvStore.commit();
        mvStore.sync();
    }

    private static void touch(MVStore mvStore) {
        mvStore.<String, Long>openMap(PROBE_MAP).put("at", System.currentTimeMillis());
    }

    /** Under the commit lock: makes {@code change}, commits it with every write so far, and syncs. */
    private void commitWith(Runnable change) {
        if (failure != null) {
            throw cannotWrite();
        }
        try {
            long covered;
            writeLock.lock();
            try {
                change.run();
                covered = written;
                mvStore.commit();
            } finally {
                writeLock.unlock();
            }
            if (fsync) {
                mvStore.sync();
            }
            durable = covered;
            lastCommitMillis = System.currentTimeMillis();
        } catch (RuntimeException e) {
            fail(e);
            throw cannotWrite();
        }
    }

    /**
     * Stops this backend: nothing more is answered from it. The file is closed at once, without a
     * commit, so that writes since the last commit (refused to their clients) can never reach it.
     */
    private void fail(Throwable e) {
        if (closing || failure != null) {
            return;
        }
        // shown on /health to anyone: the reason, not where the file is
        failure = "the embedded store cannot write its file: " + rootMessage(e);
        log.error("The embedded store cannot write {}; it stops taking requests and reopens once it can write again", fileName, e);
        mvStore.closeImmediately();
    }

    private MongoServerError cannotWrite() {
        return new MongoServerError(StoreFailures.CANNOT_WRITE, "OutOfDiskSpace", failure);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public void close() {
        closing = true;
        super.close();
    }

    long commits() {
        return commits;
    }

    /** Why this backend stopped, or empty while it works. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    MVStore mvStore() {
        return mvStore;
    }

    private static boolean isWrite(String name, Document query) {
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> stages) {
            return stages.stream().anyMatch(s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return false;
    }
}
