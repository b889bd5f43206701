package org.tonle.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.indicators.ChildAnswers;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * Attacks by difference: tables read before and after one new respondent. On the live tables (which
 * only analysts and admins may read) they give that respondent's answers and groups exactly; between
 * two releases they give nothing, because a cell changed by fewer than k respondents keeps its
 * previous release's value.
 */
class DifferencingAttackTest {

    private static final List<String> CHILD_INDICATORS = List.of("child_bothered_online", "child_enabling_mediation", "child_internet_use");
    private static final List<String> CHILD_BREAKDOWNS = List.of("", "sex", "province", "area", "disability", "sex,area");

    @Test
    @DisplayName("one new child: the live tables give their answers, province and sex exactly; two releases around it are the same")
    void oneChild() {
        try (TestServer server = TestServer.start()) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 160; i++) {
                batch.add(child(i % 2 == 0 ? "female" : "male", new String[] {"17", "12", "02", "12"}[i % 4], i % 5 < 2 ? "rural" : "urban",
                        i % 3 == 1, i % 5 < 3, 700 + (i * 37) % 900).put("formId", "children-online"));
            }
            submit(server, batch);
            awaitCount(server, "child_internet_use", 160);
            Map<String, JsonObject> liveBefore = read(server, id -> "/api/v1/indicators/" + id);
            int r1 = ReleasesApiTest.release(server, "Before").getInteger("number");

            submit(server, new JsonArray().add(child("female", "17", "rural", true, false, 1234.5).put("formId", "children-online")));
            awaitCount(server, "child_internet_use", 161);
            Map<String, JsonObject> liveAfter = read(server, id -> "/api/v1/indicators/" + id);
            int r2 = ReleasesApiTest.release(server, "After").getInteger("number");

            JsonObject national = answerOf(liveBefore.get("child_bothered_online|"), liveAfter.get("child_bothered_online|"));
            assertThat(national.getDouble("answer")).as("live: bothered online").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(answerOf(liveBefore.get("child_enabling_mediation|"), liveAfter.get("child_enabling_mediation|"))
                    .getDouble("answer")).as("live: mediation").isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(changedGroups(liveBefore.get("child_bothered_online|sex"), liveAfter.get("child_bothered_online|sex")))
                    .as("live: sex").containsExactly("female");
            assertThat(changedGroups(liveBefore.get("child_bothered_online|province"), liveAfter.get("child_bothered_online|province")))
                    .as("live: province").containsExactly("17");

            Map<String, JsonObject> before = read(server, id -> "/api/v1/releases/" + r1 + "/indicators/" + id);
            Map<String, JsonObject> after = read(server, id -> "/api/v1/releases/" + r2 + "/indicators/" + id);
            before.forEach((table, score) -> assertThat(after.get(table).getJsonArray("cells")).as(table)
                    .isEqualTo(score.getJsonArray("cells")));
            before.forEach((table, score) -> assertThat(after.get(table).getJsonObject("estimate")).as(table)
                    .isEqualTo(score.getJsonObject("estimate")));
        }
    }

    /** One child online at least weekly (or never), with a guardian and their own assent. */
    static JsonObject child(String sex, String province, String area, boolean bothered, boolean mediated, double weight) {
        Map<String, Object> a = SampleAnswers.profile(sex, 12);
        a.put("province", province);
        a.put("area", area);
        a.put("guardian_consent", "yes");
        a.put("child_assent", "yes");
        a.put("online_frequency", "weekly");
        a.putAll(ChildAnswers.online());
        a.put("bothered_online", bothered ? "yes" : "no");
        a.put("mediation_talk", mediated ? "yes" : "no");
        return Submissions.body(a).put("weight", weight);
    }

    static void submit(TestServer server, JsonArray batch) {
        JsonObject result = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsJsonObject();
        for (Object r : result.getJsonArray("results")) {
            assertThat(((JsonObject) r).getString("status")).as(result.encode()).isEqualTo("accepted");
        }
    }

    static void awaitCount(TestServer server, String indicator, long n) {
        Eventually.await(indicator + " counts " + n, 20_000, () -> server.get("/api/v1/indicators/" + indicator)
                .bodyAsJsonObject().getJsonObject("estimate").getLong("n", -1L) >= n);
    }

    static Map<String, JsonObject> read(TestServer server, Function<String, String> path) {
        Map<String, JsonObject> tables = new java.util.LinkedHashMap<>();
        for (String id : CHILD_INDICATORS) {
            for (String by : CHILD_BREAKDOWNS) {
                tables.put(id + "|" + by, server.get(path.apply(id) + (by.isEmpty() ? "" : "?by=" + by)).bodyAsJsonObject());
            }
        }
        return tables;
    }

    /** The attack: Δ(value × weightedN) / Δ weightedN of the national figure is the new respondent's answer. */
    static JsonObject answerOf(JsonObject before, JsonObject after) {
        JsonObject b = before.getJsonObject("estimate");
        JsonObject a = after.getJsonObject("estimate");
        double dw = a.getDouble("weightedN") - b.getDouble("weightedN");
        double dy = a.getDouble("value") / 100 * a.getDouble("weightedN") - b.getDouble("value") / 100 * b.getDouble("weightedN");
        return new JsonObject().put("answer", dy / dw).put("weight", dw);
    }

    /** The groups whose published cells moved: where the new respondent is. */
    static List<String> changedGroups(JsonObject before, JsonObject after) {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < after.getJsonArray("cells").size(); i++) {
            JsonObject a = after.getJsonArray("cells").getJsonObject(i);
            JsonObject b = before.getJsonArray("cells").getJsonObject(i);
            if (a.containsKey("weightedN") && b.containsKey("weightedN") && !a.getDouble("weightedN").equals(b.getDouble("weightedN"))) {
                changed.add(String.join(",", a.getJsonObject("key").getMap().values().stream().map(String::valueOf).toList()));
            }
        }
        return changed;
    }
}
