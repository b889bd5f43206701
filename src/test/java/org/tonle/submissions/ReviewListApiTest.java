package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * What the review screens ask of the API: a list filtered as a bulk action is, newest first for a
 * phone, a bulk action's count before it is made, and who submitted (for the submitter filter).
 */
class ReviewListApiTest {

    private static final String FORM = "/api/v1/forms/digital-literacy";
    private static TestServer server;
    private static WebClient sokha;
    private static WebClient dara;
    private static WebClient lead;
    private static String sokhaId;
    private static final List<String> bySokha = new ArrayList<>();
    private static final List<String> byDara = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        sokha = server.as("sokha", "enumerator", "digital-literacy");
        dara = server.as("dara", "enumerator", "digital-literacy");
        lead = server.as("lead", "supervisor");
        JsonObject users = server.get("/api/v1/users").bodyAsJsonObject();
        sokhaId = userId(users, "sokha");
        server.patch("/api/v1/users/" + userId(users, "lead"), new JsonObject().put("team", new JsonArray().add(sokhaId)));
        // sokha: 3 in Phnom Penh (12), 2 in Siem Reap (17); dara: 2 in Phnom Penh
        for (String province : List.of("12", "12", "12", "17", "17")) {
            bySokha.add(submit(sokha, province));
        }
        for (String province : List.of("12", "12")) {
            byDara.add(submit(dara, province));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String submit(WebClient who, String province) {
        Map<String, Object> answers = new java.util.LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        answers.put("province", province);
        JsonObject body = Submissions.body(answers);
        assertThat(TestServer.await(who.post(FORM + "/submissions").sendJsonObject(body)).statusCode()).isEqualTo(201);
        return body.getString("instanceId");
    }

    private static List<String> ids(WebClient who, String query) {
        HttpResponse<Buffer> r = TestServer.await(who.get(FORM + "/submissions" + query).send());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("submissions").stream().map(s -> ((JsonObject) s).getString("instanceId")).toList();
    }

    @Test
    @DisplayName("the list takes the bulk filter's keys in its address, and a supervisor's or an enumerator's list stays theirs")
    void filteredList() {
        assertThat(ids(server.client(), "?province=12")).containsExactlyInAnyOrder(bySokha.get(0), bySokha.get(1), bySokha.get(2),
                byDara.get(0), byDara.get(1));
        assertThat(ids(server.client(), "?province=12&submittedBy=" + sokhaId)).containsExactly(bySokha.get(0), bySokha.get(1),
                bySokha.get(2));
        assertThat(ids(lead, "?province=12")).as("the supervisor's team only").containsExactly(bySokha.get(0), bySokha.get(1),
                bySokha.get(2));
        assertThat(ids(dara, "?province=12&submittedBy=" + sokhaId)).as("an enumerator cannot read another's").isEmpty();
        assertThat(ids(server.client(), "?province=12&from=2000-01-01&to=2000-12-31")).isEmpty();
        assertThat(ids(server.client(), "?province=&state=")).as("empty fields are no filter").hasSize(7);

        server.patch(FORM + "/submissions/" + bySokha.get(1), new JsonObject().put("review",
                new JsonObject().put("state", "rejected").put("comment", "ការសម្ភាសសាកល្បង")));
        assertThat(ids(server.client(), "?state=rejected")).containsExactly(bySokha.get(1));
        assertThat(ids(server.client(), "?state=received&province=12")).hasSize(4).doesNotContain(bySokha.get(1));
        assertThat(TestServer.await(server.client().get(FORM + "/submissions?state=lost").send()).statusCode()).isEqualTo(400);
        server.patch(FORM + "/submissions/" + bySokha.get(1), new JsonObject().put("review", new JsonObject().put("state", "received")));
    }

    @Test
    @DisplayName("newest first, a page at a time: what a phone asks for its latest reviews")
    void newestFirst() {
        List<String> all = new ArrayList<>(bySokha);
        java.util.Collections.reverse(all);
        JsonObject first = TestServer.await(sokha.get(FORM + "/submissions?order=newest&limit=3").send()).bodyAsJsonObject();
        List<String> seen = new ArrayList<>(first.getJsonArray("submissions").stream().map(s -> ((JsonObject) s).getString("instanceId"))
                .toList());
        seen.addAll(ids(sokha, "?order=newest&limit=3&after=" + first.getString("next")));
        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(first.getJsonArray("submissions").getJsonObject(0).getJsonObject("review").getString("state")).isNotBlank();
        assertThat(TestServer.await(sokha.get(FORM + "/submissions?order=sideways").send()).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a dry run says how many a bulk review or deletion would change, and changes nothing")
    void dryRun() {
        JsonObject approve = new JsonObject().put("filter", new JsonObject().put("province", "17")).put("state", "approved")
                .put("comment", "checked").put("dryRun", true);
        JsonObject preview = server.post(FORM + "/submissions/review", approve).bodyAsJsonObject();
        assertThat(preview.getInteger("matched")).isEqualTo(2);
        assertThat(preview.getInteger("changed")).isEqualTo(2);
        assertThat(preview.getBoolean("dryRun")).isTrue();
        assertThat(ids(server.client(), "?state=approved")).as("nothing changed").isEmpty();

        JsonObject done = server.post(FORM + "/submissions/review", approve.copy().put("dryRun", false)).bodyAsJsonObject();
        assertThat(done.getInteger("changed")).isEqualTo(2);
        assertThat(server.post(FORM + "/submissions/review", approve).bodyAsJsonObject().getInteger("changed"))
                .as("already approved with that comment").isZero();

        JsonObject delete = new JsonObject().put("filter", new JsonObject().put("province", "17")).put("dryRun", true);
        assertThat(server.post(FORM + "/submissions/delete", delete).bodyAsJsonObject().getInteger("changed")).isEqualTo(2);
        assertThat(ids(server.client(), "?province=17")).hasSize(2);
        assertThat(server.get("/api/v1/audit?action=submission.delete.bulk").bodyAsJsonObject().getJsonArray("entries"))
                .as("a dry run is not recorded").isEmpty();
        assertThat(server.post(FORM + "/submissions/review", approve.copy().put("dryRun", "yes")).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("who submitted to a form, for the submitter filter: everyone for an analyst, the team for a supervisor, nobody for children's forms")
    void submitters() {
        JsonArray all = server.get(FORM + "/submitters").bodyAsJsonObject().getJsonArray("submitters");
        assertThat(all.stream().map(s -> ((JsonObject) s).getString("username"))).containsExactly("dara", "sokha");
        assertThat(all.getJsonObject(1).getString("id")).isEqualTo(sokhaId);
        JsonArray team = TestServer.await(lead.get(FORM + "/submitters").send()).bodyAsJsonObject().getJsonArray("submitters");
        assertThat(team.stream().map(s -> ((JsonObject) s).getString("username"))).containsExactly("sokha");
        assertThat(TestServer.await(sokha.get(FORM + "/submitters").send()).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/forms/children-online/submitters").bodyAsJsonObject().getJsonArray("submitters")).isEmpty();
    }

    private static String userId(JsonObject users, String username) {
        return users.getJsonArray("users").stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals(username))
                .findFirst().orElseThrow().getString("id");
    }
}
