package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;
import org.tonle.support.Recomputes;

class RecomputeTest {

    @Test
    @DisplayName("after an indicator's definition changes, recompute rebuilds it from the stored submissions and reports what it corrected")
    void definitionChange() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonArray batch = new JsonArray();
            for (Respondent r : Respondent.population(60)) {
                batch.add(Submissions.body(r.answers()).put("formId", "digital-literacy").put("weight", r.weight()));
            }
            server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
            Eventually.await("60 counted", 10_000, () -> national(server, "internet_use").getLong("n", 0L) == 60);
            double before = national(server, "internet_use").getDouble("value");

            // the universe narrows to women: every stored table of internet_use is now wrong
            Path form = server.formsDir().resolve("digital-literacy.yaml");
            String changed = Files.readString(form).replaceFirst("numerator: \"\\$\\{internet_use} = 'yes'\"",
                    "universe: \"\\${age} >= 15 and \\${sex} = 'female'\"\n    numerator: \"\\${internet_use} = 'yes'\"");
            assertThat(changed).isNotEqualTo(Files.readString(form));
            Files.writeString(form, changed);
            server.restart();
            assertThat(national(server, "internet_use").getLong("n")).as("stale until recomputed").isEqualTo(60);

            JsonObject report = Recomputes.run(server.client());
            assertThat(report.getLong("differences")).isPositive();
            assertThat(report.getLong("correctedTables")).isPositive();
            assertThat(report.getJsonArray("examples").getJsonObject(0).getString("table")).startsWith("internet_use|");
            JsonObject after = national(server, "internet_use");
            assertThat(after.getLong("n")).isEqualTo(30);
            assertThat(after.getDouble("value")).isNotEqualTo(before);

            JsonObject again = Recomputes.run(server.client());
            assertThat(again.getLong("differences")).isZero();
        }
    }

    @Test
    @DisplayName("a recompute larger than the server can rescan is refused with the reason, and changes nothing")
    void tooLarge() {
        try (TestServer server = TestServer.start(java.util.Map.of("TONLE_RECOMPUTE_MAX", "3"))) {
            JsonArray batch = new JsonArray();
            for (Respondent r : Respondent.population(5)) {
                batch.add(Submissions.body(r.answers()).put("formId", "digital-literacy"));
            }
            server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
            io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r =
                    server.post("/api/v1/admin/indicators/recompute", new JsonObject());
            assertThat(r.statusCode()).isEqualTo(503);
            JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("indicators.recompute_too_large");
            assertThat(error.getJsonObject("message").getString("en")).contains("5 submissions");
            assertThat(error.getJsonObject("message").getString("km")).contains("៥"); // Khmer digits in Khmer text
            JsonArray more = new JsonArray();
            for (Respondent p : Respondent.population(30)) {
                more.add(Submissions.body(p.answers()).put("formId", "digital-literacy"));
            }
            server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", more));
            Eventually.await("scores still move: the refused recompute left no pause behind", 10_000,
                    () -> national(server, "internet_use").getLong("n", 0L) == 35);
        }
    }

    @Test
    @DisplayName("recompute answers 202 at once; its job, readable by id, ends done with the report; an unknown job is 404")
    void job() {
        try (TestServer server = TestServer.start()) {
            io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> started =
                    server.post("/api/v1/admin/indicators/recompute", new JsonObject());
            assertThat(started.statusCode()).isEqualTo(202);
            JsonObject job = started.bodyAsJsonObject();
            assertThat(job.getString("state")).isEqualTo("running");
            assertThat(started.getHeader("Location")).isEqualTo("/api/v1/admin/indicators/recompute/" + job.getString("id"));
            Eventually.await("the job ends", 10_000,
                    () -> !"running".equals(server.get(started.getHeader("Location")).bodyAsJsonObject().getString("state")));
            JsonObject done = server.get(started.getHeader("Location")).bodyAsJsonObject();
            assertThat(done.getString("state")).isEqualTo("done");
            assertThat(done.getJsonObject("report").getLong("differences")).isZero();
            assertThat(done.getString("finishedAt")).isNotBlank();
            assertThat(server.get("/api/v1/admin/indicators/recompute/no-such-job").statusCode()).isEqualTo(404);
        }
    }

    private static JsonObject national(TestServer server, String id) {
        return server.get("/api/v1/indicators/" + id).bodyAsJsonObject().getJsonObject("estimate");
    }
}
