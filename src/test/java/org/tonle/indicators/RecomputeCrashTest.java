package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.support.Eventually;
import org.tonle.support.ServerProcess;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * A server process killed while it runs a recompute leaves its job "running". The others notice
 * that it stopped heartbeating: its job reads as interrupted. Recompute pauses nobody, so they
 * never stopped counting new submissions.
 */
class RecomputeCrashTest {

    private static final int SUBMISSIONS = 60;
    private static final Map<String, String> QUICK_TAKEOVER = Map.of("TONLE_WRITER_TIMEOUT_MS", "2000");

    @Test
    @DisplayName("after kill -9 mid-recompute, its job reads as interrupted and the other process keeps counting")
    void killedRecomputeDoesNotStallTheOthers() throws Exception {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri).put("db_name", "tonle"));
        Map<String, String> env = new java.util.HashMap<>(QUICK_TAKEOVER);
        env.put("MONGO_URI", uri);
        try {
            Path home = Files.createTempDirectory("tonle-recompute-crash");
            ServerProcess killed = ServerProcess.start(home.resolve("a"), TestForms.copyTo(home.resolve("forms")), env);
            List<JsonObject> slots = TestServer.await(mongo.find("agg_slots", new JsonObject()));
            assertThat(slots).hasSize(1);
            String deadWriter = slots.get(0).getInteger("_id") + "." + slots.get(0).getLong("epoch");
            killed.kill();
            // what its recompute had written when it was killed: the job
            TestServer.await(mongo.insert("recompute_jobs", new JsonObject().put("_id", "job-of-a").put("state", "running")
                    .put("startedBy", "admin").put("writer", deadWriter).put("startedAt", Instant.now().toString())));

            try (TestServer survivor = TestServer.start(env)) {
                Eventually.await("the killed process's job reads as interrupted", 15_000, () -> "failed".equals(
                        survivor.get("/api/v1/admin/indicators/recompute/job-of-a").bodyAsJsonObject().getString("state")));
                JsonObject job = survivor.get("/api/v1/admin/indicators/recompute/job-of-a").bodyAsJsonObject();
                assertThat(job.getJsonObject("error").getString("code")).isEqualTo("indicators.recompute_interrupted");
                assertThat(job.getJsonObject("error").getJsonObject("message").getString("km")).isNotBlank();

                // enough respondents for the national estimate to be published (small counts are withheld)
                io.vertx.core.json.JsonArray batch = new io.vertx.core.json.JsonArray();
                Respondent.population(SUBMISSIONS).forEach(r -> batch.add(Submissions.body(r.answers()).put("formId", "digital-literacy")));
                assertThat(survivor.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).statusCode())
                        .isEqualTo(200);
                Eventually.await("new submissions are counted", 15_000, () ->
                        survivor.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate")
                                .getLong("n", 0L) == SUBMISSIONS);
            }
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }
}
