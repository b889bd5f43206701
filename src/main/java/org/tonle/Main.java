package org.tonle;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.config.TonleConfig;

/**
 * Starts Tonle with configuration from the environment; stops cleanly on SIGTERM. With
 * {@code --start-and-stop} it stops as soon as it has started: scripts/run does that once per build
 * to record the classes start-up loads (class data sharing), which makes later starts faster.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        TonleConfig config;
        try {
            config = TonleConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            log.error("Tonle cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        boolean startAndStop = List.of(args).contains("--start-and-stop");
        Vertx vertx = Vertx.vertx();
        TonleVerticle verticle = new TonleVerticle(config);
        vertx.deployVerticle(verticle)
                .onSuccess(id -> {
                    log.info("Tonle listening on http://{}:{} (store: {})",
                            "0.0.0.0".equals(config.host()) ? "localhost" : config.host(), verticle.port(),
                            verticle.storeDescription());
                    if (startAndStop) {
                        exit(0);
                    }
                })
                .onFailure(e -> {
                    log.error("Tonle cannot start: {}", e.getMessage());
                    exit(1);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
                log.info("Tonle stopped");
            } catch (Exception e) {
                log.warn("Tonle did not stop cleanly: {}", e.toString());
            }
        }, "tonle-shutdown"));
    }

    /**
     * Exits from a thread of its own: System.exit runs the shutdown hook, which waits for Vert.x to
     * close, and would wait for ever on an event loop that is itself waiting in System.exit (or,
     * after a SIGTERM during start-up, in a System.exit that waits for the hook).
     */
    private static void exit(int status) {
        Thread exit = new Thread(() -> System.exit(status), "tonle-exit");
        exit.setDaemon(true);
        exit.start();
    }
}
