package org.tonle.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-compatible store used when no MONGO_URI is configured: mongo-java-server
 * with a durable H2 backend, one file in the data directory, listening on loopback only. The server
 * talks to it through the MongoDB driver like to any MongoDB. Blocking: start and close it off the
 * event loop.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String FILE_NAME = "tonle.mv.db";
    private static final long COMPACT_EVERY_MILLIS = 2000;
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;

    private final MVStore mvStore;
    private final DurableH2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;
    private final ScheduledExecutorService maintenance;

    private EmbeddedMongo(Path file, boolean fsync) {
        this.file = file;
        // Pages hold Java-serialised documents and index keys, which compress about four to one.
        this.mvStore = new MVStore.Builder().fileName(file.toString()).compress().autoCommitDisabled().open();
        if (fsync) {
            // Every commit is synced before it is acknowledged, so dead chunks need not be kept
            // for the file system to flush them; reusing their space at once keeps the file small.
            mvStore.setRetentionTime(0);
        }
        this.backend = new DurableH2Backend(mvStore, fsync);
        this.server = new MongoServer(backend);
        this.address = bindLoopback(server);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tonle-store-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::compact, COMPACT_EVERY_MILLIS, COMPACT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    public static EmbeddedMongo start(Path dataDir, boolean fsync) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        EmbeddedMongo store = new EmbeddedMongo(file, fsync);
        log.info("Embedded store {} listening on {}", file.toAbsolutePath(), store.connectionString());
        return store;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public Path file() {
        return file;
    }

    public boolean healthy() {
        return backend.healthy();
    }

    /** Number of group commits so far (each covers one or more write commands). */
    public long commits() {
        return backend.commits();
    }

    /** Rewrites chunks that are mostly dead; runs every two seconds on its own thread. */
    public void compact() {
        try {
            backend.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES);
        } catch (RuntimeException e) {
            log.warn("Compaction of the embedded store failed; will try again", e);
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        server.shutdownNow();
        mvStore.close(2000);
        log.info("Embedded store {} closed", file.toAbsolutePath());
    }

    private static InetSocketAddress bindLoopback(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return server.getLocalAddress();
    }
}
