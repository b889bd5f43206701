package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.support.Eventually;
import org.tonle.support.ServerProcess;
import org.tonle.support.TestAccounts;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;
import org.tonle.support.Recomputes;

/**
 * Two server processes share one database. Phones submit to either, retry whatever fails, and
 * resend some of what already succeeded. One process is killed with kill -9 in the middle and
 * started again. Once everything is quiet, every aggregate must equal a full recomputation from
 * the stored submissions, and every accepted submission must be counted exactly once.
 */
class ExactlyOnceTest {

    private static final int SUBMISSIONS = 900;
    private static final int CONCURRENCY = 12;

    @Test
    @DisplayName("kill -9 during a stream of retried submissions to two processes: every aggregate equals a recomputation")
    void exactlyOnceAcrossCrashAndProcesses() throws Exception {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        try {
            Path home = Files.createTempDirectory("tonle-exactly-once");
            Path forms = TestForms.copyTo(home.resolve("forms"));
            Map<String, String> env = Map.of("MONGO_URI", uri, "TONLE_WRITER_TIMEOUT_MS", "4000");
            AtomicReference<ServerProcess> a = new AtomicReference<>(ServerProcess.start(home.resolve("a"), forms, env));
            ServerProcess b = ServerProcess.start(home.resolve("b"), forms, env);
            AtomicReference<WebClient> toA = new AtomicReference<>(client(vertx, a.get().port()));
            WebClient toB = client(vertx, b.port());

            List<JsonObject> bodies = new ArrayList<>();
            for (Respondent r : Respondent.population(SUBMISSIONS)) {
                bodies.add(Submissions.body(r.answers()).put("weight", r.weight()));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            Promise<Void> killPoint = Promise.promise();
            List<Future<Void>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                Promise<Void> done = Promise.promise();
                workers.add(done.future());
                vertx.runOnContext(v -> work(bodies, next, acknowledged, retries, toA, toB, killPoint, done));
            }
            TestServer.await(killPoint.future());
            a.get().kill();
            ServerProcess restarted = ServerProcess.start(home.resolve("a"), forms, env);
            a.set(restarted);
            toA.set(client(vertx, restarted.port()));
            // generous: on a loaded 2-core machine the retries around the kill take a while
            Future.all(workers).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(acknowledged.get()).isEqualTo(SUBMISSIONS);
            assertThat(retries.get()).as("the kill made some requests fail and be retried").isPositive();
            Eventually.await("every submission counted once, the killed writer's batches recovered", 30_000, () ->
                    national(toB).getLong("n", 0L) == SUBMISSIONS);
            JsonObject report = Recomputes.run(toB);
            assertThat(report.getLong("submissions")).isEqualTo(SUBMISSIONS);
            assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
            assertThat(national(toA.get()).getLong("n")).isEqualTo(SUBMISSIONS);
            restarted.terminate();
            b.terminate();
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }

    private static JsonObject national(WebClient client) {
        return TestServer.await(client.get("/api/v1/indicators/internet_use").send()).bodyAsJsonObject().getJsonObject("estimate");
    }

    /**
     * Takes the next submission and sends it to a random process until it is acknowledged
     * (201 or 200); now and then sends an acknowledged one again, as a phone that lost the answer would.
     */
    private static void work(List<JsonObject> bodies, AtomicInteger next, AtomicInteger acknowledged, AtomicInteger retries,
            AtomicReference<WebClient> toA, WebClient toB, Promise<Void> killPoint, Promise<Void> done) {
        int i = next.getAndIncrement();
        if (i >= bodies.size()) {
            done.tryComplete();
            return;
        }
        send(bodies.get(i), toA, toB, retries).onComplete(ar -> {
            if (acknowledged.incrementAndGet() >= SUBMISSIONS / 3) {
                killPoint.tryComplete();
            }
            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                send(bodies.get(ThreadLocalRandom.current().nextInt(i + 1)), toA, toB, retries)
                        .onComplete(again -> work(bodies, next, acknowledged, retries, toA, toB, killPoint, done));
            } else {
                work(bodies, next, acknowledged, retries, toA, toB, killPoint, done);
            }
        });
    }

    private static Future<Void> send(JsonObject body, AtomicReference<WebClient> toA, WebClient toB, AtomicInteger retries) {
        WebClient client = ThreadLocalRandom.current().nextBoolean() ? toA.get() : toB;
        return client.post("/api/v1/forms/digital-literacy/submissions").sendJsonObject(body).<Void>compose(r -> {
            if (r.statusCode() == 201 || r.statusCode() == 200) {
                return Future.succeededFuture();
            }
            if (r.statusCode() < 500) {
                return Future.failedFuture(new AssertionError("refused: " + r.statusCode() + " " + r.bodyAsString()));
            }
            return Future.failedFuture("server error " + r.statusCode());
        }).recover(e -> {
            if (e instanceof AssertionError) {
                return Future.failedFuture(e);
            }
            retries.incrementAndGet();
            Promise<Void> later = Promise.promise();
            io.vertx.core.Vertx.currentContext().owner().setTimer(50, t -> send(body, toA, toB, retries).onComplete(later));
            return later.future();
        });
    }

    private static WebClient client(Vertx vertx, int port) {
        return TestAccounts.admin(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY)));
    }
}
