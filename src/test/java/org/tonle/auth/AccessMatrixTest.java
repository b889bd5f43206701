package org.tonle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Who may call what: every route that matters, for every role and for nobody logged in. */
class AccessMatrixTest {

    private static TestServer server;
    private static final Map<String, WebClient> callers = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        callers.put("anonymous", server.anonymous());
        callers.put("enumerator", server.as("enum1", "enumerator", "digital-literacy"));
        callers.put("organizer", server.as("org1", "organizer"));
        callers.put("analyst", server.as("analyst1", "analyst"));
        callers.put("viewer", server.as("viewer1", "viewer"));
        callers.put("admin", server.client());
        callers.put("supervisor", server.as("sup1", "supervisor"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Route(HttpMethod method, String path, Supplier<JsonObject> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Route get(String path) {
        return new Route(HttpMethod.GET, path, null);
    }

    private static Route post(String path, Supplier<JsonObject> body) {
        return new Route(HttpMethod.POST, path, body);
    }

    private static int call(String who, Route route) {
        var request = callers.get(who).request(route.method(), route.path());
        HttpResponse<Buffer> r = TestServer.await(route.body() == null ? request.send() : request.sendJsonObject(route.body().get()));
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            String code = r.bodyAsJsonObject().getJsonObject("error").getString("code");
            assertThat(code).isEqualTo(r.statusCode() == 401 ? "auth.required" : "auth.forbidden");
        }
        return r.statusCode();
    }

    @Test
    @DisplayName("each role gets exactly the routes it needs; nobody logged in gets only public ones")
    void matrix() {
        Supplier<JsonObject> survey = () -> Submissions.body(SampleAnswers.digitalLiteracy());
        Supplier<JsonObject> childSurvey = () -> new JsonObject().put("submissions", new JsonArray()
                .add(Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy")));
        Supplier<JsonObject> poll = () -> new JsonObject().put("formId", "gender-digital");
        Supplier<JsonObject> user = () -> new JsonObject().put("username", "u" + System.nanoTime()).put("password", "long enough password")
                .put("role", "analyst");
        Supplier<JsonObject> noneReviewed = () -> new JsonObject().put("filter", new JsonObject().put("instanceIds", new JsonArray()))
                .put("state", "approved");
        Supplier<JsonObject> noneDeleted = () -> new JsonObject().put("filter", new JsonObject().put("instanceIds", new JsonArray()));
        Supplier<JsonObject> defaultStates = () -> new JsonObject().put("countedStates", new JsonArray().add("received").add("approved")
                .add("on_hold"));
        Supplier<JsonObject> release = () -> new JsonObject().put("title", new JsonObject().put("en", "Release").put("km", "ការចេញផ្សាយ"));
        Supplier<JsonObject> census = () -> new JsonObject().put("variables", new JsonArray().add("sex")).put("cells", new JsonArray()
                .add(new JsonObject().put("sex", "female").put("total", 8_000_000)).add(new JsonObject().put("sex", "male").put("total", 7_500_000)));
        //                               anonymous, enumerator, organizer, analyst, viewer, admin, supervisor
        Map<Route, List<Integer>> expected = new LinkedHashMap<>();
        expected.put(get("/api/v1/forms"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(get("/api/v1/forms/children-online"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(get("/health"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(post("/api/v1/forms/digital-literacy/submissions", survey), List.of(401, 201, 403, 403, 403, 201, 403));
        expected.put(post("/api/v1/forms/gender-digital/submissions", survey), List.of(401, 403, 403, 403, 403, 422, 403));
        expected.put(post("/api/v1/submissions/batch", childSurvey), List.of(401, 200, 403, 403, 403, 200, 403));
        expected.put(get("/api/v1/forms/digital-literacy/submissions"), List.of(401, 200, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/indicators"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/indicators/internet_use?by=sex"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/roamx"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(post("/api/v1/admin/indicators/recompute", JsonObject::new), List.of(401, 403, 403, 403, 403, 202, 403));
        expected.put(get("/api/v1/users"), List.of(401, 403, 403, 403, 403, 200, 403));
        expected.put(post("/api/v1/users", user), List.of(401, 403, 403, 403, 403, 201, 403));
        expected.put(get("/api/v1/me"), List.of(401, 200, 200, 200, 200, 200, 200));
        expected.put(post("/api/v1/polls", poll), List.of(401, 403, 201, 403, 403, 201, 403));
        expected.put(get("/api/v1/polls"), List.of(401, 403, 200, 403, 403, 200, 403));
        expected.put(post("/api/v1/releases", release), List.of(401, 403, 403, 403, 403, 201, 403));
        expected.put(get("/api/v1/releases"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(get("/api/v1/releases/latest"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(get("/api/v1/releases/latest/indicators/internet_use?by=sex"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(get("/scorecard"), List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put(post("/api/v1/forms/digital-literacy/submissions/review", noneReviewed), List.of(401, 403, 403, 200, 403, 200, 200));
        expected.put(post("/api/v1/forms/digital-literacy/submissions/delete", noneDeleted), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/forms/digital-literacy/submitters"), List.of(401, 403, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/forms/digital-literacy/submissions?province=12&state=received&order=newest"),
                List.of(401, 200, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/forms/digital-literacy/trash"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/forms/digital-literacy/settings"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(new Route(HttpMethod.PATCH, "/api/v1/forms/digital-literacy/settings", defaultStates),
                List.of(401, 403, 403, 403, 403, 200, 403));
        expected.put(get("/api/v1/audit"), List.of(401, 403, 403, 403, 403, 200, 403));
        expected.put(new Route(HttpMethod.PUT, "/api/v1/calibration/census-2019", census), List.of(401, 403, 403, 403, 403, 201, 403));
        expected.put(get("/api/v1/calibration"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/calibration/census-2019"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/indicators/internet_use?weights=design"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(new Route(HttpMethod.DELETE, "/api/v1/calibration/census-2019", null), List.of(401, 403, 403, 403, 403, 204, 403));
        expected.put(get("/api/v1/forms/digital-literacy/export.csv"), List.of(401, 403, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/forms/digital-literacy/export.xlsx"), List.of(401, 403, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/forms/digital-literacy/export.zip"), List.of(401, 403, 403, 200, 403, 200, 200));
        expected.put(get("/api/v1/indicators/export.csv"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.put(get("/api/v1/indicators/export.xlsx"), List.of(401, 403, 403, 200, 403, 200, 403));
        expected.forEach((route, statuses) -> {
            int i = 0;
            for (String who : callers.keySet()) {
                assertThat(call(who, route)).as(who + " " + route).isEqualTo(statuses.get(i++));
            }
        });
    }

    @Test
    @DisplayName("the live stream needs an analyst's token, in the header or, for a browser's EventSource, in the address")
    void stream() {
        assertThat(call("anonymous", get("/api/v1/indicators/stream?ids=internet_use"))).isEqualTo(401);
        assertThat(call("enumerator", get("/api/v1/indicators/stream?ids=internet_use"))).isEqualTo(403);
        assertThat(call("viewer", get("/api/v1/indicators/stream?ids=internet_use"))).isEqualTo(403);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/indicators/stream?ids=nonexistent&access_token=bad").send())
                .statusCode()).isEqualTo(401);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/indicators/stream?ids=nonexistent&access_token=" + server.adminToken())
                .send()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a submission records who sent it; an enumerator reads back only their own, an analyst all")
    void ownSubmissionsOnly() {
        WebClient mine = server.as("enum2", "enumerator", "digital-literacy");
        JsonObject body = Submissions.body(SampleAnswers.digitalLiteracy());
        assertThat(TestServer.await(mine.post("/api/v1/forms/digital-literacy/submissions").sendJsonObject(body)).statusCode())
                .isEqualTo(201);
        String own = "/api/v1/forms/digital-literacy/submissions/" + body.getString("instanceId");
        assertThat(TestServer.await(mine.get(own).send()).bodyAsJsonObject().getString("submittedBy")).isEqualTo("enum2");
        assertThat(TestServer.await(callers.get("enumerator").get(own).send()).statusCode()).isEqualTo(404);
        JsonArray seenByOther = TestServer.await(callers.get("enumerator").get("/api/v1/forms/digital-literacy/submissions?limit=1000")
                .send()).bodyAsJsonObject().getJsonArray("submissions");
        assertThat(seenByOther.stream().map(s -> ((JsonObject) s).getString("submittedBy"))).isNotEmpty().containsOnly("enum1");
        JsonArray seenByAnalyst = TestServer.await(callers.get("analyst").get("/api/v1/forms/digital-literacy/submissions?limit=1000")
                .send()).bodyAsJsonObject().getJsonArray("submissions");
        assertThat(seenByAnalyst.stream().map(s -> ((JsonObject) s).getString("submittedBy"))).contains("enum1", "enum2");
    }

    @Test
    @DisplayName("children's submissions are read back without the interviewer, the time of day or free text")
    void childrenExportRestricted() {
        Map<String, Object> answers = SampleAnswers.profile("female", 12);
        answers.put("guardian_consent", "yes");
        answers.put("child_assent", "yes");
        answers.put("online_frequency", "daily");
        answers.putAll(org.tonle.indicators.ChildAnswers.online());
        JsonObject body = Submissions.body(answers).put("collectedAt", "2026-11-28T09:15:00+07:00");
        assertThat(TestServer.await(server.client().post("/api/v1/forms/children-online/submissions").sendJsonObject(body))
                .statusCode()).isEqualTo(201);
        JsonObject stored = TestServer.await(callers.get("analyst")
                .get("/api/v1/forms/children-online/submissions/" + body.getString("instanceId")).send()).bodyAsJsonObject();
        assertThat(stored.containsKey("submittedBy")).isFalse();
        assertThat(stored.getString("collectedAt")).isEqualTo("2026-11-28");
        assertThat(stored.getString("receivedAt")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(stored.getJsonObject("answers").getString("guardian_consent")).isEqualTo("yes");
    }

    @Test
    @DisplayName("security headers are on every response, errors included, and no stack trace is ever shown")
    void securityHeaders() {
        for (String path : List.of("/api/v1/forms", "/api/v1/nothing-here", "/health")) {
            HttpResponse<Buffer> r = TestServer.await(server.anonymous().get(path).send());
            assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(r.getHeader("X-Request-Id")).as(path).isNotBlank();
        }
        HttpResponse<Buffer> broken = TestServer.await(server.client().post("/api/v1/users").sendBuffer(Buffer.buffer("{\"username\":")));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.bodyAsString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    @DisplayName("cross-origin calls are allowed only from configured origins")
    void cors() {
        try (TestServer withCors = TestServer.start(Map.of("TONLE_CORS_ORIGINS", "https://dashboard.example.org"))) {
            HttpResponse<Buffer> allowed = TestServer.await(withCors.anonymous().request(HttpMethod.OPTIONS, "/api/v1/forms")
                    .putHeader("Origin", "https://dashboard.example.org").putHeader("Access-Control-Request-Method", "GET").send());
            assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example.org");
            HttpResponse<Buffer> other = TestServer.await(withCors.anonymous().get("/api/v1/forms")
                    .putHeader("Origin", "https://evil.example.com").send());
            assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
        }
        HttpResponse<Buffer> none = TestServer.await(server.anonymous().get("/api/v1/forms")
                .putHeader("Origin", "https://dashboard.example.org").send());
        assertThat(none.getHeader("Access-Control-Allow-Origin")).isNull();
    }
}
