package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.indicators.Respondent;
import org.tonle.support.Eventually;
import org.tonle.support.Recomputes;
import org.tonle.support.ServerProcess;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/**
 * Two server processes on one database review and delete submissions back and forth, retrying
 * what fails; one is killed with kill -9 in the middle and started again. Once quiet, the scores
 * count exactly the submissions whose state counts, and equal a recount.
 */
class LifecycleCrashTest {

    private static final String FORM = "/api/v1/forms/digital-literacy";
    private static final int SUBMISSIONS = 200;
    private static final int ACTIONS = 120;
    private static final int CONCURRENCY = 6;

    @Test
    @DisplayName("kill -9 during bulk reviews, deletions and restores on two processes: the scores count what should count, once")
    void movesSurviveACrash() throws Exception {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        try {
            Path home = Files.createTempDirectory("tonle-lifecycle-crash");
            Path forms = TestForms.copyTo(home.resolve("forms"));
            Map<String, String> env = Map.of("MONGO_URI", uri, "TONLE_WRITER_TIMEOUT_MS", "4000", "TONLE_SELFCHECK_PER_MINUTE", "0");
            AtomicReference<ServerProcess> a = new AtomicReference<>(ServerProcess.start(home.resolve("a"), forms, env));
            ServerProcess b = ServerProcess.start(home.resolve("b"), forms, env);
            AtomicReference<WebClient> toA = new AtomicReference<>(client(vertx, a.get().port()));
            WebClient toB = client(vertx, b.port());

            List<String> ids = new ArrayList<>();
            JsonArray batch = new JsonArray();
            for (Respondent r : Respondent.population(SUBMISSIONS)) {
                JsonObject body = Submissions.body(r.answers()).put("formId", "digital-literacy");
                ids.add(body.getString("instanceId"));
                batch.add(body);
            }
            assertThat(TestServer.await(toB.post("/api/v1/submissions/batch").sendJsonObject(new JsonObject().put("submissions", batch)))
                    .statusCode()).isEqualTo(200);
            Eventually.await("stored and counted", 30_000, () -> national(toB) == SUBMISSIONS);

            AtomicInteger next = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            Promise<Void> killPoint = Promise.promise();
            List<Future<Void>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                Promise<Void> done = Promise.promise();
                workers.add(done.future());
                Random random = new Random(w);
                vertx.runOnContext(v -> act(ids, random, next, retries, toA, toB, killPoint, done));
            }
            TestServer.await(killPoint.future());
            a.get().kill();
            ServerProcess restarted = ServerProcess.start(home.resolve("a"), forms, env);
            a.set(restarted);
            toA.set(client(vertx, restarted.port()));
            // generous: on a loaded 2-core machine the retries around the kill take a while
            Future.all(workers).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(retries.get()).as("the kill made some actions fail and be retried").isPositive();
            long shouldCount = countable(toB);
            Eventually.await("both processes have added every batch they stored or changed, and found none left by the killed one",
                    120_000, () -> pending(toA.get(), "pendingBatches") == 0 && pending(toB, "pendingBatches") == 0
                            && pending(toB, "unfinishedBatches") == 0);
            assertThat(national(toB)).as("the scores count the submissions whose state counts").isEqualTo(shouldCount);
            JsonObject report = Recomputes.run(toB);
            assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
            assertThat(national(toA.get())).as("the restarted process reads the same").isEqualTo(shouldCount);
            restarted.terminate();
            b.terminate();
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }

    /** Sends the next action (a bulk review, a delete or a restore of a few submissions) until acknowledged. */
    private static void act(List<String> ids, Random random, AtomicInteger next, AtomicInteger retries,
            AtomicReference<WebClient> toA, WebClient toB, Promise<Void> killPoint, Promise<Void> done) {
        int i = next.getAndIncrement();
        if (i >= ACTIONS) {
            done.tryComplete();
            return;
        }
        if (i >= ACTIONS / 3) {
            killPoint.tryComplete();
        }
        JsonArray some = new JsonArray();
        for (int k = 0; k < 8; k++) {
            some.add(ids.get(random.nextInt(ids.size())));
        }
        int kind = random.nextInt(4);
        String path = kind == 0 ? FORM + "/submissions/delete" : FORM + "/submissions/review";
        JsonObject body = new JsonObject().put("filter", new JsonObject().put("instanceIds", some));
        if (kind != 0) {
            body.put("state", kind == 1 ? "rejected" : kind == 2 ? "approved" : "received").put("comment", kind == 1 ? "crash test" : null);
        }
        Future<Void> sent = send(path, body, toA, toB, retries);
        if (kind == 0 && random.nextBoolean()) {
            // restore one of them, through the other path
            String one = some.getString(0);
            sent = sent.compose(v -> sendRestore(one, toA, toB, retries));
        }
        sent.onComplete(ar -> act(ids, random, next, retries, toA, toB, killPoint, done));
    }

    private static Future<Void> send(String path, JsonObject body, AtomicReference<WebClient> toA, WebClient toB, AtomicInteger retries) {
        WebClient client = Math.random() < 0.5 ? toA.get() : toB;
        return client.post(path).sendJsonObject(body).<Void>compose(r -> r.statusCode() == 200 ? Future.succeededFuture()
                : Future.failedFuture("status " + r.statusCode() + " " + r.bodyAsString())).recover(e -> retryLater(retries, e,
                        () -> send(path, body, toA, toB, retries)));
    }

    private static Future<Void> sendRestore(String instanceId, AtomicReference<WebClient> toA, WebClient toB, AtomicInteger retries) {
        WebClient client = Math.random() < 0.5 ? toA.get() : toB;
        return client.post(FORM + "/submissions/" + instanceId + "/restore").sendJsonObject(new JsonObject()).<Void>compose(r ->
                r.statusCode() == 200 ? Future.succeededFuture() : Future.failedFuture("status " + r.statusCode()))
                .recover(e -> retryLater(retries, e, () -> sendRestore(instanceId, toA, toB, retries)));
    }

    /** Tries again in 100 ms: a refused connection (the killed process), a 503 (a lease being renewed) or anything else. */
    private static Future<Void> retryLater(AtomicInteger retries, Throwable why, java.util.function.Supplier<Future<Void>> again) {
        retries.incrementAndGet();
        Promise<Void> later = Promise.promise();
        Vertx.currentContext().owner().setTimer(100, t -> again.get().onComplete(later));
        return later.future();
    }

    /** How many stored submissions should count: not in the trash, and not rejected. */
    private static long countable(WebClient client) {
        JsonArray all = TestServer.await(client.get(FORM + "/submissions?limit=1000").send()).bodyAsJsonObject().getJsonArray("submissions");
        return all.stream().map(JsonObject.class::cast).filter(s -> !"rejected".equals(s.getJsonObject("review").getString("state"))).count();
    }

    private static long pending(WebClient client, String what) {
        return TestServer.await(client.get("/health").send()).bodyAsJsonObject().getJsonObject("indicators").getLong(what);
    }

    private static long national(WebClient client) {
        return TestServer.await(client.get("/api/v1/indicators/internet_use").send()).bodyAsJsonObject().getJsonObject("estimate")
                .getLong("n", 0L);
    }

    private static WebClient client(Vertx vertx, int port) {
        return TestAccounts.admin(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)));
    }
}
