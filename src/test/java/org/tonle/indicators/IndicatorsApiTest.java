package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;
import org.tonle.support.Recomputes;

/**
 * Scores published over HTTP for a synthetic weighted population whose exact values the test
 * computes itself, respondent by respondent, from the formulas of questionnaires.md §6.
 */
class IndicatorsApiTest {

    private static final double Z = 1.959963984540054;
    private static final List<Respondent> PEOPLE = Respondent.population(400);
    private static TestServer server;

    @BeforeAll
    static void submitPopulation() {
        server = TestServer.start();
        JsonArray batch = new JsonArray();
        for (Respondent r : PEOPLE) {
            batch.add(Submissions.body(r.answers()).put("formId", "digital-literacy").put("weight", r.weight()));
        }
        HttpResponse<Buffer> stored = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
        assertThat(stored.bodyAsJsonObject().getJsonArray("results").stream()
                .allMatch(r -> ((JsonObject) r).getString("status").equals("accepted"))).isTrue();
        Eventually.await("all 400 respondents counted", 10_000, () ->
                score("internet_use", "").getJsonObject("estimate").getLong("n", 0L) == PEOPLE.size());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonObject score(String id, String by) {
        return server.get("/api/v1/indicators/" + id + (by.isEmpty() ? "" : "?by=" + by)).bodyAsJsonObject();
    }

    /** The estimate the formulas give for the respondents matching {@code who}. */
    private static double[] expected(Predicate<Respondent> who) {
        double sw = 0;
        double swy = 0;
        double sw2 = 0;
        int n = 0;
        for (Respondent r : PEOPLE) {
            if (who.test(r)) {
                n++;
                sw += r.weight();
                swy += r.weight() * (r.online() ? 1 : 0);
                sw2 += r.weight() * r.weight();
            }
        }
        double p = swy / sw;
        double residuals = 0;
        for (Respondent r : PEOPLE) {
            if (who.test(r)) {
                double d = (r.online() ? 1 : 0) - p;
                residuals += r.weight() * r.weight() * d * d;
            }
        }
        double se = Math.sqrt((double) n / (n - 1) * residuals) / sw;
        double logit = Math.log(p / (1 - p));
        double half = Z * se / (p * (1 - p));
        return new double[] {100 * p, 100 * se, 100 / (1 + Math.exp(-(logit - half))), 100 / (1 + Math.exp(-(logit + half))),
                n, sw, sw * sw / sw2};
    }

    private static void assertEstimate(JsonObject cell, double[] want) {
        assertThat(cell.getBoolean("suppressed")).isFalse();
        // standard errors and intervals: SurveyPackageTest compares every one with R's survey package
        assertThat(cell.getDouble("value")).isCloseTo(want[0], within(1e-9));
        assertThat(cell.getDouble("se")).isPositive();
        assertThat(cell.getJsonArray("ci").getDouble(0)).isLessThan(want[0]);
        assertThat(cell.getJsonArray("ci").getDouble(1)).isGreaterThan(want[0]);
        assertThat(cell.getLong("n")).isEqualTo((long) want[4]);
        assertThat(cell.getDouble("weightedN")).isCloseTo(want[5], within(1e-9));
        assertThat(cell.getDouble("nEff")).isCloseTo(want[6], within(1e-9));
    }

    private static JsonObject cell(JsonObject score, Map<String, Object> key) {
        return score.getJsonArray("cells").stream().map(JsonObject.class::cast)
                .filter(c -> c.getJsonObject("key").getMap().equals(key)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("the national share of Internet users matches the weighted formulas to 1e-9")
    void national() {
        JsonObject s = score("internet_use", "");
        assertEstimate(s.getJsonObject("estimate"), expected(r -> true));
        assertThat(s.getString("unit")).isEqualTo("percent");
        assertThat(s.getJsonObject("title").getString("km")).isNotBlank();
        assertThat(s.getJsonObject("universe").getString("en")).contains("15");
    }

    @Test
    @DisplayName("each sex, and each sex within province, matches the formulas; the small province is suppressed with its complement")
    void disaggregated() {
        JsonObject bySex = score("internet_use", "sex");
        assertEstimate(cell(bySex, Respondent.key("sex", "female")), expected(r -> r.sex().equals("female")));
        assertEstimate(cell(bySex, Respondent.key("sex", "male")), expected(r -> r.sex().equals("male")));

        JsonObject byProvince = score("internet_use", "province");
        JsonObject small = cell(byProvince, Respondent.key("province", "01"));
        assertThat(small.getBoolean("suppressed")).isTrue();
        assertThat(small.getString("reason")).isEqualTo("small_denominator");
        assertThat(small.fieldNames()).doesNotContain("value", "ci", "n", "se", "weightedN");
        long hidden = byProvince.getJsonArray("cells").stream().filter(c -> ((JsonObject) c).getBoolean("suppressed")).count();
        assertThat(hidden).as("a second province hidden so 01 cannot be found by subtraction").isEqualTo(2);
        assertThat(cell(byProvince, Respondent.key("province", "17")).getString("reason"))
                .as("the smaller of the other provinces").isEqualTo("complementary");
        assertEstimate(cell(byProvince, Respondent.key("province", "12")), expected(r -> r.province().equals("12")));

        JsonObject twoWay = score("internet_use", "province,sex");
        assertThat(twoWay.getJsonArray("by")).containsExactly("sex", "province");
        assertEstimate(cell(twoWay, Respondent.key("sex", "male", "province", "12")),
                expected(r -> r.sex().equals("male") && r.province().equals("12")));
        // province 01 is hidden in both rows, so each row hides a second province too
        assertThat(cell(twoWay, Respondent.key("sex", "male", "province", "17")).getString("reason")).isEqualTo("complementary");
        assertThat(cell(twoWay, Respondent.key("sex", "female", "province", "17")).getString("reason")).isEqualTo("complementary");
    }

    @Test
    @DisplayName("the gender parity score is female over male, the disability gap a difference in points")
    void derived() {
        double[] women = expected(r -> r.sex().equals("female"));
        double[] men = expected(r -> r.sex().equals("male"));
        JsonObject parity = score("gender_parity_internet_use", "").getJsonObject("estimate");
        assertThat(parity.getDouble("value")).isCloseTo(women[0] / men[0], within(1e-9));
        assertThat(parity.getDouble("se")).isPositive();
        double[] without = expected(r -> !r.disability());
        double[] with = expected(Respondent::disability);
        JsonObject gap = score("internet_use_disability_gap", "").getJsonObject("estimate");
        assertThat(gap.getDouble("value")).isCloseTo(without[0] - with[0], within(1e-9));
        assertThat(gap.getDouble("se")).isPositive();
        JsonObject byProvince = score("gender_parity_internet_use", "province");
        double[] women12 = expected(r -> r.sex().equals("female") && r.province().equals("12"));
        double[] men12 = expected(r -> r.sex().equals("male") && r.province().equals("12"));
        assertThat(cell(byProvince, Respondent.key("province", "12")).getDouble("value"))
                .isCloseTo(women12[0] / men12[0], within(1e-9));
        assertThat(cell(byProvince, Respondent.key("province", "01")).getBoolean("suppressed")).isTrue();
    }

    @Test
    @DisplayName("an unsupported breakdown is a 400 naming the supported ones; an unknown indicator a 404")
    void badRequests() {
        HttpResponse<Buffer> r = server.get("/api/v1/indicators/internet_use?by=colour");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("indicator.unsupported_breakdown");
        assertThat(error.getJsonObject("message").getString("en")).contains("sex,province");
        assertThat(error.getJsonObject("message").getString("km")).contains("sex,province");
        assertThat(server.get("/api/v1/indicators/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the indicator list and the ROAM-X scorecard carry every reference indicator with its national estimate")
    void listAndScorecard() {
        JsonArray all = server.get("/api/v1/indicators").bodyAsJsonArray();
        List<String> ids = all.stream().map(i -> ((JsonObject) i).getString("id")).toList();
        assertThat(ids).contains("internet_use", "household_internet", "mobile_ownership", "smartphone_ownership",
                "khmer_script_phone", "ict_skill_copy_paste", "ict_skill_programming", "digital_skills_all_areas",
                "disability_prevalence", "gender_parity_internet_use", "internet_use_disability_gap", "phone_self_control",
                "online_harassment", "child_internet_use", "child_bothered_online", "child_enabling_mediation");
        JsonArray childOnly = server.get("/api/v1/indicators?form=children-online").bodyAsJsonArray();
        assertThat(childOnly.stream().map(i -> ((JsonObject) i).getString("id")).toList())
                .contains("child_internet_use", "child_disability_prevalence").doesNotContain("internet_use", "disability_prevalence");
        assertThat(server.get("/api/v1/indicators?category=X").bodyAsJsonArray().stream()
                .allMatch(i -> ((JsonObject) i).getString("category").equals("X"))).isTrue();
        JsonObject card = server.get("/api/v1/roamx").bodyAsJsonObject();
        JsonObject a = card.getJsonArray("categories").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("category").equals("A")).findFirst().orElseThrow();
        assertThat(a.getJsonObject("name").getString("en")).isEqualTo("Accessibility to all");
        assertThat(a.encode()).contains("\"id\":\"internet_use\"");
        JsonObject dl = all.stream().map(JsonObject.class::cast).filter(i -> i.getString("id").equals("internet_use"))
                .findFirst().orElseThrow();
        assertThat(dl.getJsonObject("estimate").getDouble("value")).isCloseTo(expected(r -> true)[0], within(1e-9));
    }

    @Test
    @DisplayName("recompute from the stored submissions finds nothing to correct")
    void recomputeAgrees() {
        JsonObject report = Recomputes.run(server.client());
        assertThat(report.getLong("submissions")).isEqualTo(PEOPLE.size());
        assertThat(report.getLong("differences")).isZero();
        assertThat(report.getLong("tables")).isPositive();
    }
}
