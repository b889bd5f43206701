package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;
import org.tonle.submissions.AnswerValidator;
import org.tonle.submissions.SubmissionService;
import org.tonle.support.Eventually;
import org.tonle.support.Recomputes;
import org.tonle.support.TestServer;

/**
 * The way out of the state that one submission with {@code weight: 1e155} left a database in,
 * under the version before writer slots: a table holding "Infinity", every read of it failing, the
 * batch after it never added. This version reads such a database, finishes the stuck batch, and an
 * admin's recompute replaces the poisoned table and lists the submission that cannot be counted.
 */
class PoisonedTablesTest {

    private static final Map<String, Form> FORMS = TestForms.load();
    private static final IndicatorCatalog CATALOG = IndicatorLoader.load(TestForms.files(), FormLoader.load(TestForms.files()));
    private static final int COUNTED = 30;
    private static final int STUCK = 5;

    @Test
    @DisplayName("a database poisoned by an overflowing weight: reads answer, the stuck batch is added, recompute makes it whole")
    void wayOutOfAPoisonedDatabase() {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri).put("db_name", "tonle"));
        try {
            List<JsonObject> counted = submissions(COUNTED, "old:1", 1.0);
            JsonObject poison = submissions(1, "old:2", 1e155).get(0);
            List<JsonObject> stuck = submissions(STUCK, "old:3", 1.0);
            List<JsonObject> all = new ArrayList<>(counted);
            all.add(poison);
            all.addAll(stuck);
            TestServer.await(mongo.bulkWrite("submissions", all.stream().map(BulkOperation::createInsert).toList()));
            writeOldTables(mongo, counted);
            TestServer.await(mongo.insert("agg_intents", new JsonObject().put("_id", "old:3").put("writer", "old").put("seq", 3L)
                    .put("submissions", new JsonArray(stuck.stream().map(d -> d.getString("_id")).toList()))));

            try (TestServer server = TestServer.start(Map.of("MONGO_URI", uri, "TONLE_SELFCHECK_PER_MINUTE", "0"))) {
                Eventually.await("the stuck batch of the old version is added", 15_000,
                        () -> TestServer.await(mongo.count("agg_intents", new JsonObject())) == 0);
                assertThat(server.get("/api/v1/indicators/internet_use").statusCode()).as("reads answer").isEqualTo(200);
                assertThat(server.get("/api/v1/roamx").statusCode()).isEqualTo(200);

                JsonObject report = Recomputes.run(server.client());
                assertThat(report.getLong("differences")).isPositive();
                assertThat(report.getLong("refusedSubmissions")).isEqualTo(1);
                JsonObject national = server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate");
                assertThat(national.getLong("n")).isEqualTo(COUNTED + STUCK);
                assertThat(national.getDouble("weightedN")).isEqualTo(COUNTED + STUCK);
                JsonArray refused = server.get("/api/v1/admin/indicators/set-aside").bodyAsJsonObject().getJsonArray("refused");
                assertThat(refused).hasSize(1);
                assertThat(refused.getJsonObject(0).getString("_id")).isEqualTo(poison.getString("_id"));
                assertThat(Recomputes.run(server.client()).getLong("differences")).as("whole after one recompute").isZero();
            }
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }

    private static List<JsonObject> submissions(int count, String batch, double weight) {
        List<JsonObject> docs = new ArrayList<>();
        for (Respondent r : Respondent.population(count)) {
            AnswerValidator.Result valid = AnswerValidator.validate(FORMS.get("digital-literacy"), r.answers());
            docs.add(new JsonObject().put("_id", new ObjectId().toHexString()).put("formId", "digital-literacy")
                    .put("instanceId", UUID.randomUUID().toString()).put("answers", SubmissionService.storedAnswers(valid.answers()))
                    .put("weight", weight).put("agg", batch).put("contentHash", UUID.randomUUID().toString()));
        }
        return docs;
    }

    /**
     * The tables as the old version left them: one document per indicator, guarded by the old
     * writer's last batch (2, the poisoned one), and internet_use's national cell overflowed.
     */
    private static void writeOldTables(MongoClient mongo, List<JsonObject> counted) {
        Contributions.Sum sum = new Contributions(CATALOG).sum();
        counted.forEach(d -> sum.add(d.getString("_id"), "digital-literacy", Ledger.answers(d.getJsonObject("answers")), 1.0));
        Map<String, Map<String, Map<String, Stats>>> byIndicator = new HashMap<>();
        sum.deltas().forEach((table, cells) -> byIndicator.computeIfAbsent(TableStore.indicatorId(table), i -> new HashMap<>())
                .put(TableStore.breakdownField(table), cells));
        byIndicator.forEach((indicator, fields) -> {
            IndicatorDoc doc = IndicatorDoc.empty(indicator);
            doc.add(fields);
            doc.legacyApplied.put("old", 2L);
            JsonObject json = doc.toJson(7);
            if (indicator.equals("internet_use")) {
                JsonObject tables = new JsonObject(json.getString("tables"));
                JsonArray cell = tables.getJsonObject("_").getJsonArray("*");
                cell.set(4, "Infinity");
                cell.set(7, "NaN");
                json.put("tables", tables.encode());
            }
            TestServer.await(mongo.insert("aggregates", json));
        });
    }
}
