package org.tonle.bench;

import java.nio.file.Path;
import org.tonle.store.EmbeddedMongo;

/**
 * The embedded store in a process of its own, for measuring the server without it: the same
 * durable H2 store with fsync that the server embeds, on {@code args[0]}, its connection string
 * printed on the first line; the server then runs with that as MONGO_URI, as it would run against
 * a MongoDB on another machine. Stops on SIGTERM.
 */
final class StandaloneStore {

    private StandaloneStore() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongo store = EmbeddedMongo.start(Path.of(args[0]), true);
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-shutdown"));
        System.out.println(store.connectionString());
        System.out.flush();
        Thread.currentThread().join();
    }
}
