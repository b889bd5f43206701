package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.Recomputes;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * The background self-check recounts the stored submissions and compares: it reports "ok" on
 * exact tables, and finds a double count (made here by hand in the database) within a pass,
 * in /health and /metrics, until an admin's recompute corrects it.
 */
class SelfCheckTest {

    private static final int SUBMISSIONS = 40;

    @Test
    @DisplayName("the self-check reports ok on exact tables, finds a double count within a pass, and ok again after recompute")
    void findsADoubleCount() {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri).put("db_name", "tonle"));
        try (TestServer server = TestServer.start(Map.of("MONGO_URI", uri, "TONLE_SELFCHECK_INTERVAL_MS", "200",
                "TONLE_SELFCHECK_PER_MINUTE", "10000000"))) {
            JsonArray batch = new JsonArray();
            Respondent.population(SUBMISSIONS).forEach(r -> batch.add(Submissions.body(r.answers()).put("formId", "digital-literacy")));
            assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).statusCode()).isEqualTo(200);
            Eventually.await("a pass over all " + SUBMISSIONS + " submissions reports ok", 30_000, () -> {
                JsonObject check = selfCheck(server);
                return "ok".equals(check.getString("state")) && check.getJsonObject("lastPass").getLong("submissions") == SUBMISSIONS;
            });

            doubleCountOne(mongo, "internet_use#0");
            Eventually.await("the next pass finds the double count", 30_000, () -> "differences".equals(selfCheck(server).getString("state")));
            JsonObject found = selfCheck(server);
            assertThat(found.getLong("differences")).isPositive();
            assertThat(found.getJsonObject("lastPass").getJsonArray("differingTables")).contains("internet_use|");
            String metrics = server.get("/metrics").bodyAsString();
            assertThat(metrics).containsPattern("tonle_selfcheck_differences [1-9]");

            JsonObject report = Recomputes.run(server.client());
            assertThat(report.getLong("differences")).isPositive();
            Eventually.await("the pass after the recompute reports ok", 30_000, () -> "ok".equals(selfCheck(server).getString("state")));
            assertThat(server.get("/metrics").bodyAsString()).contains("tonle_selfcheck_differences 0.0");
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }

    private static JsonObject selfCheck(TestServer server) {
        return server.get("/health").bodyAsJsonObject().getJsonObject("indicators").getJsonObject("selfCheck");
    }

    /** Counts the first respondent of the national cell a second time, as the bug of issue 11 did. */
    private static void doubleCountOne(MongoClient mongo, String docId) {
        JsonObject doc = TestServer.await(mongo.findOne("aggregates", new JsonObject().put("_id", docId), null));
        JsonObject tables = new JsonObject(doc.getString("tables"));
        JsonArray national = tables.getJsonObject("_").getJsonArray("*");
        JsonArray twice = new JsonArray();
        for (int i = 0; i < national.size(); i++) {
            twice.add(i == 0 ? national.getLong(0) + 1 : national.getDouble(i) + national.getDouble(i) / national.getLong(0));
        }
        tables.getJsonObject("_").put("*", twice);
        long version = doc.getLong("version");
        TestServer.await(mongo.replaceDocuments("aggregates", new JsonObject().put("_id", docId).put("version", version),
                doc.put("tables", tables.encode()).put("version", version + 1)));
    }
}
