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

    @Test
    @DisplayName("one new adult who programs: live tables give Koh Kong's now withheld share exactly; releases keep 0.0% until k have changed it")
    void withheldOverTime() {
        try (TestServer server = TestServer.start()) {
            List<Adult> people = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                people.add(new Adult(i % 2 == 0 ? "female" : "male", "09", "rural", false, i % 2 == 0, true, "yes", false));
            }
            people.addAll(Adult.survey(3, new String[] {"12", "17"}, new int[] {120, 90}).stream().map(a -> a.withProgramming(
                    a.withProgramming(false).hashCode() % 5 == 0)).toList());
            submitAdults(server, people, 1650.0);
            awaitCount(server, "internet_use", people.size());
            JsonObject before = skills(server, "/api/v1/indicators/");
            assertThat(cellValue(before, "programming09")).isEqualTo(0.0);
            int r1 = ReleasesApiTest.release(server, "Before").getInteger("number");

            double weight = 1712.25;
            submitAdults(server, List.of(new Adult("female", "09", "rural", false, true, true, "yes", true)), weight);
            awaitCount(server, "internet_use", people.size() + 1);
            JsonObject after = skills(server, "/api/v1/indicators/");
            assertThat(after.getJsonObject("programming09").getString("reason")).isEqualTo("small_count");
            double numerator = numerator(after.getJsonObject("programming")) - numerator(before.getJsonObject("programming"));
            double recovered = 100 * numerator / after.getJsonObject("internet09").getDouble("weightedN");
            double truth = 100 * weight / (before.getJsonObject("internet09").getDouble("weightedN") + weight);
            assertThat(recovered).as("live: the withheld share, worked out").isCloseTo(truth, org.assertj.core.data.Offset.offset(1e-9));

            int r2 = ReleasesApiTest.release(server, "After one").getInteger("number");
            JsonObject first = skills(server, "/api/v1/releases/" + r1 + "/indicators/");
            JsonObject second = skills(server, "/api/v1/releases/" + r2 + "/indicators/");
            assertThat(second).as("nothing a release shows moved for one respondent").isEqualTo(first);
            assertThat(cellValue(second, "programming09")).isEqualTo(0.0);

            // k is 10 here: the same indicators cross disability with province, where k is 10
            List<Adult> more = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                more.add(new Adult(i % 2 == 0 ? "male" : "female", "09", "rural", false, false, true, "yes", false));
            }
            submitAdults(server, more.subList(0, 8), 1650.0);
            awaitCount(server, "internet_use", people.size() + 9);
            int r3 = ReleasesApiTest.release(server, "After nine").getInteger("number");
            assertThat(skills(server, "/api/v1/releases/" + r3 + "/indicators/")).as("nine changed it: still as before").isEqualTo(first);
            submitAdults(server, more.subList(8, 9), 1650.0);
            awaitCount(server, "internet_use", people.size() + 10);
            int r4 = ReleasesApiTest.release(server, "After ten").getInteger("number");
            JsonObject third = skills(server, "/api/v1/releases/" + r4 + "/indicators/");
            assertThat(third.getJsonObject("internet09").getLong("n")).as("ten changed it: published anew").isEqualTo(70);
            assertThat(third.getJsonObject("programming09").getString("reason")).isEqualTo("withheld");
        }
    }

    private static void submitAdults(TestServer server, List<Adult> people, double weight) {
        JsonArray batch = new JsonArray();
        people.forEach(a -> batch.add(Submissions.body(a.answers()).put("formId", "digital-literacy").put("weight", weight)));
        submit(server, batch);
    }

    /** What the attack reads: programming nationally and in Koh Kong (09), and Internet use in Koh Kong. */
    private static JsonObject skills(TestServer server, String base) {
        JsonObject programming = server.get(base + "ict_skill_programming?by=province").bodyAsJsonObject();
        JsonObject internet = server.get(base + "internet_use?by=province").bodyAsJsonObject();
        return new JsonObject().put("programming", programming.getJsonObject("estimate"))
                .put("programming09", CrossTableAttackTest.cell(programming, "09"))
                .put("internet", internet.getJsonObject("estimate"))
                .put("internet09", CrossTableAttackTest.cell(internet, "09"));
    }

    private static Double cellValue(JsonObject read, String cell) {
        return read.getJsonObject(cell).getDouble("value");
    }

    private static double numerator(JsonObject estimate) {
        return estimate.getDouble("value") / 100 * estimate.getDouble("weightedN");
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
