package org.tonle;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.config.TonleConfig;

/** Starts Tonle with configuration from the environment; stops cleanly on SIGTERM. */
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
        Vertx vertx = Vertx.vertx();
        TonleVerticle verticle = new TonleVerticle(config);
        vertx.deployVerticle(verticle)
                .onSuccess(id -> log.info("Tonle listening on http://{}:{} (store: {})",
                        "0.0.0.0".equals(config.host()) ? "localhost" : config.host(), verticle.port(),
                        verticle.storeDescription()))
                .onFailure(e -> {
                    log.error("Tonle cannot start: {}", e.getMessage());
                    vertx.close();
                    System.exit(1);
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
}
