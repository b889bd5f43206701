package org.tonle.store;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-compatible store used when no MONGO_URI is configured: mongo-java-server
 * with a durable H2 backend, one file in the data directory, listening on loopback only. The server
 * talks to it through the MongoDB driver like to any MongoDB. Blocking: start and close it off the
 * event loop.
 *
 * <p>When its file cannot be written (a full disk), the backend stops and every request gets
 * 503; once a second this class tries to reopen the file from its last commit and to commit a
 * tiny write, and carries on with the reopened store as soon as that works: no restart needed.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String FILE_NAME = "tonle.mv.db";
    private static final long MAINTAIN_EVERY_MILLIS = 1000;
    private static final long PROBE_WHEN_IDLE_MILLIS = 10_000;
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;
    /** Bytes of live pages rewritten per compaction step: small steps keep each commit short. */
    private static final int COMPACT_WRITE_BYTES = 256 * 1024;
    /** Time per second that compaction steps may take while the file is sparse. */
    private static final long COMPACT_BUDGET_MILLIS = 400;

    private final Path file;
    private final boolean fsync;
    private final CurrentBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final ScheduledExecutorService maintenance;
    private boolean reopenFailed;

    private EmbeddedMongo(Path file, boolean fsync) {
        this.file = file;
        this.fsync = fsync;
        this.backend = new CurrentBackend(new DurableH2Backend(open(file, fsync), fsync));
        this.server = new MongoServer(backend);
        this.address = bindLoopback(server);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tonle-store-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::maintain, MAINTAIN_EVERY_MILLIS, MAINTAIN_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Up to {@code limit} documents of a collection whose string {@code _id} comes after
     * {@code afterId}, in {@code _id} order, that match {@code filter} (MongoDB query JSON; dates as
     * {@code {"$date": "…"}}): read in this process, without the wire protocol or the collection's
     * lock (see {@link StoreCollection#after}). For readers of many documents, such as exports.
     * Blocking: call it on a worker.
     */
    public java.util.List<java.util.Map<String, Object>> readAfter(String database, String collection, String afterId, int limit,
            io.vertx.core.json.JsonObject filter) {
        de.bwaldvogel.mongo.MongoCollection<?> c = backend.get().resolveDatabase(database).resolveCollection(collection, false);
        if (c == null) {
            return java.util.List.of();
        }
        return new java.util.ArrayList<>(((StoreCollection) c).after(afterId, limit, StoreQueries.document(filter)));
    }

    /** Opens the store in {@code dataDir}, made owner-only; says so in plain words when another server has it open. */
    public static EmbeddedMongo start(Path dataDir, boolean fsync) {
        DataDirectory.prepare(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        DataDirectory.createOwnerOnly(file);
        try {
            EmbeddedMongo store = new EmbeddedMongo(file, fsync);
            log.info("Embedded store {} listening on {}", file.toAbsolutePath(), store.connectionString());
            return store;
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                throw e;
            }
            String which = DataDirectory.lockHolder(file).map(pid -> " (process " + pid + ")").orElse("");
            throw new IllegalStateException("another Tonle" + which + " is already using the data folder " + dataDir.toAbsolutePath()
                    + ": stop it first, or give this one its own folder with TONLE_DATA_DIR", e);
        }
    }

    private static MVStore open(Path file, boolean fsync) {
        // Pages hold BSON documents and index keys, which compress well.
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).compress().autoCommitDisabled().open();
        if (fsync) {
            // Every commit is synced before it is acknowledged, so dead chunks need not be kept
            // for the file system to flush them; reusing their space at once keeps the file small.
            mvStore.setRetentionTime(0);
        }
        return mvStore;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public Path file() {
        return file;
    }

    /** Why the store cannot be used now (its file cannot be written), or empty while it works. */
    public Optional<String> problem() {
        return backend.get().failure();
    }

    /** Number of group commits so far by the current backend (each covers one or more write commands). */
    public long commits() {
        return backend.get().commits();
    }

    /** Once a second: reopen a stopped store; otherwise probe the disk when idle, and compact a little. */
    private void maintain() {
        DurableH2Backend current = backend.get();
        if (current.failure().isPresent()) {
            reopen();
            return;
        }
        try {
            current.probeIfIdle(PROBE_WHEN_IDLE_MILLIS);
            compactSome(current);
        } catch (RuntimeException e) {
            // a failed commit has stopped the backend, which logged why; the next tick reopens it
            log.debug("Maintenance of the embedded store failed", e);
        }
    }

    /**
     * Compaction steps of {@link #COMPACT_WRITE_BYTES}, each committed on its own, for as long as
     * the file is sparser than {@link #COMPACT_BELOW_FILL_PERCENT} and within
     * {@link #COMPACT_BUDGET_MILLIS}: one step a second keeps up with single submissions, but a bulk
     * load makes dead pages many times faster (it grew the file to 2.8 KB a submission).
     */
    private static void compactSome(DurableH2Backend store) {
        long deadline = System.nanoTime() + COMPACT_BUDGET_MILLIS * 1_000_000;
        while (store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES) && System.nanoTime() < deadline) {
            // each step rewrote something and committed it; go on while the file is still sparse
        }
    }

    /**
     * Opens the file again as its last commit left it, and takes it into use only once a small
     * commit has gone through, so a disk that is still full is not handed back to clients.
     */
    private void reopen() {
        MVStore mvStore = null;
        try {
            mvStore = open(file, fsync);
            DurableH2Backend.probe(mvStore);
            backend.replace(new DurableH2Backend(mvStore, fsync));
            reopenFailed = false;
            log.info("The embedded store {} can write again: reopened from its last commit", file.toAbsolutePath());
        } catch (RuntimeException e) {
            if (mvStore != null) {
                mvStore.closeImmediately();
            }
            if (!reopenFailed) {
                log.warn("The embedded store {} still cannot write ({}); trying again every second", file.toAbsolutePath(), e.toString());
                reopenFailed = true;
            }
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            // a reopen under way must not put a store in place after this
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        MVStore mvStore = backend.get().mvStore();
        if (!mvStore.isClosed()) {
            mvStore.close(2000);
        }
        log.info("Embedded store {} closed", file.toAbsolutePath());
    }

    /**
     * The store's wire threads: each runs its connections' commands to the end, and a durable
     * write waits there for its commit. Netty's default (twice the cores) let four writes share a
     * commit on two cores; with more, every write that arrives during a commit joins the next.
     */
    static final int WIRE_THREADS = 32;

    private static InetSocketAddress bindLoopback(MongoServer server) {
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WIRE_THREADS);
        return server.getLocalAddress();
    }
}
