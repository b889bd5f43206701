package org.tonle.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tonle.exports.ExportApiTest.body;
import static org.tonle.exports.ExportApiTest.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.indicators.Respondent;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/**
 * Exports after the data has been cleaned: which review states they hold, that the trash never
 * leaves, a supervisor's team, and the audit log. One server of its own, since it changes the
 * form's counted states.
 */
class ExportLifecycleTest {

    private static final String FORM = "/api/v1/forms/digital-literacy";
    private static TestServer server;
    private static List<String> ids;
    private static WebClient lead;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        WebClient admin = server.client();
        WebClient sokha = TestAccounts.user(admin, server.anonymous(), "sokha", "enumerator", List.of("digital-literacy"));
        lead = TestAccounts.user(admin, server.anonymous(), "srey-lead", "supervisor", List.of());
        JsonObject users = server.get("/api/v1/users").bodyAsJsonObject();
        assertThat(server.patch("/api/v1/users/" + userId(users, "srey-lead"), new JsonObject().put("team",
                new JsonArray().add(userId(users, "sokha")))).statusCode()).isEqualTo(200);
        List<Respondent> people = Respondent.population(6);
        ids = new java.util.ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            JsonObject body = Submissions.body(people.get(i).answers());
            ids.add(body.getString("instanceId"));
            int status = i == 5 ? TestServer.await(sokha.post(FORM + "/submissions").sendJsonObject(body)).statusCode()
                    : server.post(FORM + "/submissions", body).statusCode();
            assertThat(status).isEqualTo(201);
        }
        review(ids.get(0), "approved", null);
        review(ids.get(1), "on_hold", "អាយុមិនត្រូវ");
        review(ids.get(2), "rejected", "training interview");
        assertThat(server.delete(FORM + "/submissions/" + ids.get(3)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("by default an export holds what counts (not rejected, never the trash); states= asks for others, the trash never")
    void statesAndTrash() throws IOException {
        assertThat(instanceIds("")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(4), ids.get(5));
        assertThat(instanceIds("?states=rejected")).containsExactly(ids.get(2));
        assertThat(instanceIds("?states=received,approved,on_hold,rejected")).hasSize(5).doesNotContain(ids.get(3));
        List<CSVRecord> rows = csv(body(server, FORM + "/export.csv?states=on_hold"));
        assertThat(ExportApiTest.row(rows, "instanceId", ids.get(1)).get("reviewState")).isEqualTo("on_hold");
        assertThat(server.post(FORM + "/submissions/" + ids.get(3) + "/restore", new JsonObject()).statusCode()).isEqualTo(200);
        try {
            assertThat(instanceIds("")).contains(ids.get(3));
        } finally {
            assertThat(server.delete(FORM + "/submissions/" + ids.get(3)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("when a form counts approved submissions only, its export does too, as its scores")
    void countedStates() throws IOException {
        assertThat(server.patch(FORM + "/settings", new JsonObject().put("countedStates", new JsonArray().add("approved"))).statusCode())
                .isEqualTo(200);
        try {
            Eventually.await("the export follows the setting", 15_000, () -> instanceIds("").equals(List.of(ids.get(0))));
        } finally {
            assertThat(server.patch(FORM + "/settings", new JsonObject().put("countedStates",
                    new JsonArray().add("received").add("approved").add("on_hold"))).statusCode()).isEqualTo(200);
        }
        Eventually.await("back to the default", 15_000, () -> instanceIds("").size() == 4);
    }

    @Test
    @DisplayName("a supervisor exports their team's submissions only, and not the live indicator tables")
    void supervisor() throws IOException {
        var r = TestServer.await(lead.get(FORM + "/export.csv").send());
        assertThat(r.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = csv(r.bodyAsString(StandardCharsets.UTF_8.name()).replace("\uFEFF", ""));
        assertThat(rows.stream().skip(1).map(x -> x.get(0)).toList()).containsExactly(ids.get(5));
        assertThat(TestServer.await(lead.get("/api/v1/indicators/export.csv").send()).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("every export is in the audit log: who, what, the filters, the snapshot, the rows; a token sent in the query is not")
    void audited() {
        String token = server.adminToken();
        var r = TestServer.await(server.anonymous().get(FORM + "/export.csv?province=12&access_token=" + token).send());
        assertThat(r.statusCode()).isEqualTo(200);
        String asOf = r.getHeader("x-tonle-snapshot");
        Eventually.await("the export recorded", 15_000, () -> entries().stream().anyMatch(e -> asOf.equals(e.getJsonObject("after")
                .getString("asOf"))));
        JsonObject entry = entries().stream().filter(e -> asOf.equals(e.getJsonObject("after").getString("asOf"))).findFirst().orElseThrow();
        assertThat(entry.getJsonObject("actor").getString("username")).isEqualTo("admin");
        assertThat(entry.getJsonObject("actor").getString("address")).isEqualTo("127.0.0.1");
        assertThat(entry.getJsonObject("target").getString("what")).isEqualTo("digital-literacy");
        assertThat(entry.getJsonObject("target").getString("format")).isEqualTo("csv");
        assertThat(entry.getJsonObject("after").getJsonObject("filters").getMap()).containsOnlyKeys("province");
        assertThat(entry.getJsonObject("after").getString("outcome")).isEqualTo("complete");
        assertThat(entry.getJsonObject("after").getLong("rows")).isEqualTo(csvRows(r.bodyAsString(StandardCharsets.UTF_8.name())));
        assertThat(entry.encode()).doesNotContain(token);
    }

    private static long csvRows(String text) {
        try {
            return csv(text.replace("\uFEFF", "")).size() - 1L;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonObject> entries() {
        return server.get("/api/v1/audit?action=export&limit=1000").bodyAsJsonObject().getJsonArray("entries").stream()
                .map(JsonObject.class::cast).collect(Collectors.toList());
    }

    private static List<String> instanceIds(String query) {
        try {
            return csv(body(server, FORM + "/export.csv" + query)).stream().skip(1).map(r -> r.get(0)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void review(String instanceId, String state, String comment) {
        JsonObject review = new JsonObject().put("state", state);
        if (comment != null) {
            review.put("comment", comment);
        }
        assertThat(server.patch(FORM + "/submissions/" + instanceId, new JsonObject().put("review", review)).statusCode()).isEqualTo(200);
    }

    private static String userId(JsonObject users, String username) {
        return users.getJsonArray("users").stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals(username))
                .findFirst().orElseThrow().getString("id");
    }
}
