package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

class ChildrenDisclosureTest {

    @Test
    @DisplayName("children's scores use k = 10: 7 of 40 children is hidden, though it would be shown for adults")
    void childrenThreshold() {
        try (TestServer server = TestServer.start()) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 40; i++) {
                Map<String, Object> a = SampleAnswers.profile(i % 2 == 0 ? "female" : "male", 12);
                a.put("guardian_consent", "yes");
                a.put("child_assent", "yes");
                a.put("online_frequency", i < 7 ? "daily" : "never");
                if (i < 7) {
                    a.putAll(ChildAnswers.online());
                }
                batch.add(Submissions.body(a).put("formId", "children-online"));
            }
            JsonObject result = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsJsonObject();
            assertThat(result.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")).distinct().toList())
                    .as(result.encode()).containsExactly("accepted");
            Eventually.await("40 children counted", 10_000, () -> server.get("/api/v1/indicators/child_disability_prevalence")
                    .bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L) == 40);
            JsonObject estimate = server.get("/api/v1/indicators/child_internet_use").bodyAsJsonObject().getJsonObject("estimate");
            assertThat(estimate.getBoolean("suppressed")).isTrue();
            assertThat(estimate.getString("reason")).isEqualTo("small_count");
            assertThat(estimate.fieldNames()).doesNotContain("value", "n");
        }
    }
}
