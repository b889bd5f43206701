package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.calibration.CalibrationRoutes;
import org.tonle.forms.TestForms;
import org.tonle.support.TestServer;

/** Calibration targets over HTTP: storing, checking, replacing, deleting, and reading indicators calibrated to them. */
class CalibrationApiTest {

    private static TestServer server;
    private static List<JsonObject> stored;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        SurveyFixture.submit(server, SurveyFixture.population(new Random(7), 600, true));
        stored = SurveyFixture.stored(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Totals for province × sex × age group: each class sampled, with twice its design-weighted size, plus {@code extra}. */
    private static JsonObject census(Map<List<String>, Double> extra) {
        Map<List<String>, Double> totals = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        for (JsonObject s : stored) {
            JsonObject a = s.getJsonObject("answers");
            totals.merge(List.of(a.getString("province"), a.getString("sex"), a.getString("age_group")), 2 * s.getDouble("weight"), Double::sum);
        }
        totals.putAll(extra);
        JsonArray cells = new JsonArray();
        totals.forEach((k, total) -> cells.add(new JsonObject().put("province", k.get(0)).put("sex", k.get(1)).put("age_group", k.get(2))
                .put("total", Math.rint(total))));
        return new JsonObject().put("source", "General Population Census of Cambodia 2019 (made up here)")
                .put("variables", new JsonArray().add("province").add("sex").add("age_group")).put("cells", cells);
    }

    private static JsonObject error(HttpResponse<Buffer> r, int status, String code) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getJsonObject("message").getString("km")).isNotBlank();
        return error;
    }

    private static List<String> details(JsonObject error) {
        List<String> details = new ArrayList<>();
        error.getJsonArray("details").forEach(d -> {
            JsonObject detail = (JsonObject) d;
            assertThat(detail.getJsonObject("message").getString("en")).isNotBlank();
            assertThat(detail.getJsonObject("message").getString("km")).isNotBlank();
            details.add(detail.getString("field") + ":" + detail.getString("code"));
        });
        return details;
    }

    @Test
    @DisplayName("a bad target is refused with 422 and every problem at its place, in English and Khmer; nothing is stored")
    void validation() {
        JsonObject bad = new JsonObject().put("variables", new JsonArray().add("province").add("religion").add("province"))
                .put("cells", new JsonArray().add(new JsonObject().put("province", "12").put("total", 10)));
        assertThat(details(error(server.put("/api/v1/calibration/bad", bad), 422, "calibration.invalid")))
                .containsExactly("variables[1]:unknown_variable", "variables[2]:duplicate_variable");

        JsonObject cells = new JsonObject().put("variables", new JsonArray().add("province").add("sex")).put("cells", new JsonArray()
                .add(new JsonObject().put("province", "12").put("sex", "female").put("total", -5))
                .add(new JsonObject().put("province", "12").put("sex", "male").put("total", 0))
                .add(new JsonObject().put("province", "99").put("sex", "male").put("total", 10))
                .add(new JsonObject().put("province", "17").put("sex", "female").put("total", "many"))
                .add(new JsonObject().put("province", "17").put("sex", "male").put("total", 10).put("district", "x"))
                .add(new JsonObject().put("province", "17").put("sex", "male").put("total", 12))
                .add(new JsonObject().put("sex", "male").put("total", 12)));
        assertThat(details(error(server.put("/api/v1/calibration/bad", cells), 422, "calibration.invalid"))).containsExactly(
                "cells[0].total:range", "cells[1].total:empty", "cells[2].province:choice", "cells[3].total:type",
                "cells[4].district:unknown_field", "cells[5]:duplicate", "cells[6].province:required");

        HttpResponse<Buffer> infinite = TestServer.await(server.client().put("/api/v1/calibration/bad").putHeader("content-type",
                "application/json").sendBuffer(Buffer.buffer("{\"variables\": [\"sex\"], \"cells\": [{\"sex\": \"female\", \"total\": 1e309}]}")));
        assertThat(details(error(infinite, 422, "calibration.invalid"))).containsExactly("cells[0].total:range");

        JsonObject margins = new JsonObject().put("margins", new JsonArray()
                .add(new JsonObject().put("variables", new JsonArray().add("sex")).put("cells", new JsonArray()
                        .add(new JsonObject().put("sex", "female").put("total", 500)).add(new JsonObject().put("sex", "male").put("total", 500))))
                .add(new JsonObject().put("variables", new JsonArray().add("area")).put("cells", new JsonArray()
                        .add(new JsonObject().put("area", "urban").put("total", 300)).add(new JsonObject().put("area", "rural").put("total", 710)))));
        assertThat(details(error(server.put("/api/v1/calibration/bad", margins), 422, "calibration.invalid")))
                .containsExactly("margins[1]:margins_disagree");

        JsonObject households = new JsonObject().put("unit", "households").put("variables", new JsonArray().add("sex"))
                .put("cells", new JsonArray().add(new JsonObject().put("sex", "female").put("total", 5)));
        assertThat(details(error(server.put("/api/v1/calibration/bad", households), 422, "calibration.invalid")))
                .containsExactly("variables[0]:unknown_variable");
        assertThat(details(error(server.put("/api/v1/calibration/design", census(Map.of())), 422, "calibration.invalid")))
                .containsExactly("name:format");
        assertThat(details(error(server.put("/api/v1/calibration/bad", census(Map.of()).put("margins", new JsonArray())), 422,
                "calibration.invalid"))).containsExactly(":shape");
        assertThat(server.get("/api/v1/calibration/bad").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("targets are stored, read back, replaced and deleted; every change is in the audit log with before and after")
    void storeReplaceDelete() {
        JsonObject body = census(Map.of());
        HttpResponse<Buffer> created = server.put("/api/v1/calibration/census-a", body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/calibration/census-a");
        JsonObject read = server.get("/api/v1/calibration/census-a").bodyAsJsonObject();
        assertThat(read.getString("method")).isEqualTo("poststratify");
        assertThat(read.getString("unit")).isEqualTo("persons");
        assertThat(read.getJsonArray("cells")).hasSize(body.getJsonArray("cells").size());
        assertThat(read.getString("updatedBy")).isEqualTo("admin");
        JsonObject list = server.get("/api/v1/calibration").bodyAsJsonObject();
        assertThat(list.getJsonArray("targets").stream().map(t -> ((JsonObject) t).getString("name"))).contains("census-a");

        // what GET gives can be sent back changed
        JsonObject smaller = read.copy();
        smaller.getJsonArray("cells").getJsonObject(0).put("total", 1234.0);
        assertThat(details(error(server.put("/api/v1/calibration/census-a", smaller.copy().put("method", "rake")), 422,
                "calibration.invalid"))).containsExactly("method:conflict");
        assertThat(server.put("/api/v1/calibration/census-a", smaller).statusCode()).isEqualTo(200);
        assertThat(server.delete("/api/v1/calibration/census-a").statusCode()).isEqualTo(204);
        error(server.delete("/api/v1/calibration/census-a"), 404, "calibration.not_found");
        error(server.get("/api/v1/calibration/census-a"), 404, "calibration.not_found");

        JsonArray entries = server.get("/api/v1/audit?action=calibration.put").bodyAsJsonObject().getJsonArray("entries");
        List<JsonObject> mine = entries.stream().map(JsonObject.class::cast).filter(e -> e.getJsonObject("target").getString("name")
                .equals("census-a")).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).containsKey("before")).isFalse();
        assertThat(mine.get(1).getJsonObject("before").getJsonArray("cells").getJsonObject(0).getDouble("total"))
                .isEqualTo(body.getJsonArray("cells").getJsonObject(0).getDouble("total"));
        assertThat(mine.get(1).getJsonObject("after").getJsonArray("cells").getJsonObject(0).getDouble("total")).isEqualTo(1234.0);
        JsonArray deletions = server.get("/api/v1/audit?action=calibration.delete").bodyAsJsonObject().getJsonArray("entries");
        assertThat(deletions).hasSize(1);
        assertThat(deletions.getJsonObject(0).getJsonObject("before").getString("method")).isEqualTo("poststratify");
    }

    @Test
    @DisplayName("an indicator is design-weighted unless a target is asked for; calibrated, every cell says so and the same cells are withheld")
    void calibratedReads() {
        assertThat(server.put("/api/v1/calibration/census-b", census(Map.of())).statusCode()).isEqualTo(201);
        JsonObject design = server.get("/api/v1/indicators/internet_use?by=sex,province").bodyAsJsonObject();
        assertThat(design.getString("weights")).isEqualTo("design");
        assertThat(server.get("/api/v1/indicators/internet_use?by=sex,province&weights=design").bodyAsJsonObject()).isEqualTo(design);
        JsonObject calibrated = server.get("/api/v1/indicators/internet_use?by=sex,province&weights=census-b").bodyAsJsonObject();
        JsonObject weights = calibrated.getJsonObject("weights");
        assertThat(weights.getString("calibrated")).isEqualTo("census-b");
        assertThat(weights.getString("method")).isEqualTo("poststratify");
        assertThat(weights.getJsonArray("variables")).containsExactly("province", "sex", "age_group");
        double census = census(Map.of()).getJsonArray("cells").stream().mapToDouble(c -> ((JsonObject) c).getDouble("total")).sum();
        assertThat(weights.getDouble("total")).isCloseTo(census, org.assertj.core.api.Assertions.within(1e-6 * census));
        assertThat(calibrated.getJsonObject("estimate").getDouble("weightedN")).isCloseTo(census,
                org.assertj.core.api.Assertions.within(1e-6 * census));
        assertThat(calibrated.getJsonObject("estimate").getDouble("value")).isNotEqualTo(design.getJsonObject("estimate").getDouble("value"));
        boolean anyWithheld = sameCellsWithheld(design, calibrated);
        anyWithheld |= sameCellsWithheld(server.get("/api/v1/indicators/internet_use?by=disability,province").bodyAsJsonObject(),
                server.get("/api/v1/indicators/internet_use?by=disability,province&weights=census-b").bodyAsJsonObject());
        assertThat(anyWithheld).as("the sample is small enough that some cells are withheld").isTrue();
        // a ratio and a difference through their base indicator
        JsonObject parity = server.get("/api/v1/indicators/gender_parity_internet_use?by=province&weights=census-b").bodyAsJsonObject();
        assertThat(parity.getJsonObject("weights").getString("calibrated")).isEqualTo("census-b");
        assertThat(parity.getJsonObject("estimate").getDouble("value")).isPositive();
    }

    /** Asserts that both scores withhold the same cells for the same reasons; answers whether any is withheld. */
    private static boolean sameCellsWithheld(JsonObject design, JsonObject calibrated) {
        JsonArray designCells = design.getJsonArray("cells");
        JsonArray cells = calibrated.getJsonArray("cells");
        assertThat(cells).hasSize(designCells.size());
        boolean anyWithheld = false;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject c = cells.getJsonObject(i);
            JsonObject d = designCells.getJsonObject(i);
            assertThat(c.getJsonObject("key")).isEqualTo(d.getJsonObject("key"));
            assertThat(c.getBoolean("suppressed")).as("withheld alike: %s", c).isEqualTo(d.getBoolean("suppressed"));
            if (c.getBoolean("suppressed")) {
                anyWithheld = true;
                assertThat(c.getString("reason")).isEqualTo(d.getString("reason"));
                assertThat(c.fieldNames()).containsExactlyInAnyOrder("key", "suppressed", "reason");
            } else {
                assertThat(c.getJsonObject("weights").getString("calibrated")).isEqualTo("census-b");
                assertThat(d.getString("weights")).isEqualTo("design");
                assertThat(c.getLong("n")).isEqualTo(d.getLong("n"));
            }
        }
        return anyWithheld;
    }

    @Test
    @DisplayName("a target that cannot calibrate the sample says why and where (409); a missing one is 404; design weights stay available")
    void notApplicable() {
        JsonObject unsampled = census(Map.of(List.of("23", "female", "35-44"), 5000.0));
        assertThat(server.put("/api/v1/calibration/with-kep", unsampled).statusCode()).isEqualTo(201);
        JsonObject error = error(server.get("/api/v1/indicators/internet_use?weights=with-kep"), 409, "calibration.not_applicable");
        assertThat(details(error)).containsExactly("province=23, sex=female, age_group=35-44:no_sample");

        JsonObject partial = census(Map.of());
        partial.getJsonArray("cells").remove(0);
        assertThat(server.put("/api/v1/calibration/partial", partial).statusCode()).isEqualTo(201);
        assertThat(details(error(server.get("/api/v1/indicators/internet_use?weights=partial"), 409, "calibration.not_applicable")))
                .hasSize(1).allMatch(d -> d.endsWith(":no_total"));

        error(server.get("/api/v1/indicators/household_internet?weights=partial"), 409, "calibration.not_applicable");
        error(server.get("/api/v1/indicators/internet_use?weights=nothing-here"), 404, "calibration.not_found");
        assertThat(server.get("/api/v1/indicators/internet_use").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a household indicator is calibrated to households by province and area")
    void households() {
        Map<String, Double> totals = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonObject s : stored) {
            JsonObject a = s.getJsonObject("answers");
            String household = a.getString("household_id", "");
            if (household.isEmpty() || seen.add(household)) {
                totals.merge(a.getString("province") + "|" + a.getString("area"), 3 * s.getDouble("weight"), Double::sum);
            }
        }
        JsonArray cells = new JsonArray();
        totals.forEach((k, t) -> cells.add(new JsonObject().put("province", k.split("\\|")[0]).put("area", k.split("\\|")[1])
                .put("total", Math.rint(t))));
        JsonObject body = new JsonObject().put("unit", "households").put("variables", new JsonArray().add("province").add("area"))
                .put("cells", cells);
        assertThat(server.put("/api/v1/calibration/households", body).statusCode()).isEqualTo(201);
        HttpResponse<Buffer> r = server.get("/api/v1/indicators/household_internet?by=province&weights=households");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject score = r.bodyAsJsonObject();
        assertThat(score.getJsonObject("weights").getString("unit")).isEqualTo("households");
        double all = totals.values().stream().mapToDouble(Math::rint).sum();
        assertThat(score.getJsonObject("weights").getDouble("total")).isCloseTo(all, org.assertj.core.api.Assertions.within(1e-6 * all));
        error(server.get("/api/v1/indicators/internet_use?weights=households"), 409, "calibration.not_applicable");
    }

    @Test
    @DisplayName("the age groups a target may use are exactly those the profile calculates")
    void ageGroups() {
        var question = TestForms.load().get("digital-literacy").question("age_group");
        java.util.Set<String> computed = new java.util.TreeSet<>();
        for (int age = 0; age <= 120; age++) {
            int a = age;
            computed.add(String.valueOf(question.calculation().evaluate(name -> name.equals("age") ? (Object) (long) a : null)));
        }
        assertThat(computed).containsExactlyInAnyOrderElementsOf(CalibrationRoutes.AGE_GROUPS);
    }

    @Test
    @DisplayName("only admins change targets; analysts and admins read them and calibrated indicators")
    void access() {
        WebClient analyst = server.as("analyst-cal", "analyst");
        WebClient viewer = server.as("viewer-cal", "viewer");
        assertThat(TestServer.await(analyst.put("/api/v1/calibration/x").sendJsonObject(census(Map.of()))).statusCode()).isEqualTo(403);
        assertThat(TestServer.await(analyst.get("/api/v1/calibration").send()).statusCode()).isEqualTo(200);
        assertThat(TestServer.await(viewer.get("/api/v1/calibration").send()).statusCode()).isEqualTo(403);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/calibration").send()).statusCode()).isEqualTo(401);
    }
}
