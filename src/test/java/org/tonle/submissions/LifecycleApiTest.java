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
import org.tonle.indicators.Respondent;
import org.tonle.support.Eventually;
import org.tonle.support.Recomputes;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/**
 * Cleaning the data as a survey team does: review states, corrections, the trash, and which states
 * count; the scores follow each change and always equal a recount.
 */
class LifecycleApiTest {

    private static final String FORM = "/api/v1/forms/digital-literacy";
    private static TestServer server;
    private static final List<JsonObject> bodies = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        JsonArray batch = new JsonArray();
        for (Respondent r : Respondent.population(60)) {
            JsonObject body = Submissions.body(r.answers()).put("formId", "digital-literacy").put("weight", r.weight());
            bodies.add(body);
            batch.add(body);
        }
        assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).statusCode()).isEqualTo(200);
        awaitCounted(60);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long counted() {
        return server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L);
    }

    private static void awaitCounted(long n) {
        Eventually.await(n + " counted", 15_000, () -> counted() == n);
    }

    private static void assertRecountAgrees() {
        JsonObject report = Recomputes.run(server.client());
        assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
    }

    private static String id(int i) {
        return bodies.get(i).getString("instanceId");
    }

    private static HttpResponse<Buffer> patch(String instanceId, JsonObject review) {
        return server.patch(FORM + "/submissions/" + instanceId, new JsonObject().put("review", review));
    }

    @Test
    @DisplayName("a review state is shown with who set it; rejecting needs a comment and takes the submission out of the scores, approving puts it back")
    void reviewStates() {
        HttpResponse<Buffer> approved = patch(id(0), new JsonObject().put("state", "approved").put("comment", "checked by phone"));
        assertThat(approved.statusCode()).isEqualTo(200);
        JsonObject review = approved.bodyAsJsonObject().getJsonObject("review");
        assertThat(review.getString("state")).isEqualTo("approved");
        assertThat(review.getString("by")).isEqualTo("admin");
        assertThat(review.getString("comment")).isEqualTo("checked by phone");

        HttpResponse<Buffer> bare = patch(id(1), new JsonObject().put("state", "rejected"));
        assertThat(bare.statusCode()).isEqualTo(422);
        assertThat(bare.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("review.comment_required");
        assertThat(bare.bodyAsJsonObject().getJsonObject("error").getJsonObject("message").getString("km")).isNotBlank();

        assertThat(patch(id(1), new JsonObject().put("state", "rejected").put("comment", "ការសម្ភាសសាកល្បង")).statusCode()).isEqualTo(200);
        awaitCounted(59);
        assertThat(patch(id(1), new JsonObject().put("state", "on_hold").put("comment", "ask again")).statusCode()).isEqualTo(200);
        awaitCounted(60);
        assertRecountAgrees();
    }

    @Test
    @DisplayName("a bulk review changes what the filter selects, and sent twice changes nothing the second time")
    void bulkReview() {
        JsonObject request = new JsonObject().put("filter", new JsonObject().put("province", "17").put("state", "received"))
                .put("state", "approved").put("comment", "province 17 verified");
        JsonObject first = server.post(FORM + "/submissions/review", request).bodyAsJsonObject();
        assertThat(first.getInteger("changed")).isPositive().isEqualTo(first.getInteger("matched"));
        JsonObject again = server.post(FORM + "/submissions/review", request.copy()
                .put("filter", new JsonObject().put("province", "17"))).bodyAsJsonObject();
        assertThat(again.getInteger("changed")).as("already approved with that comment").isZero();
        JsonObject rejectSome = new JsonObject().put("filter", new JsonObject().put("instanceIds", new JsonArray().add(id(10)).add(id(11))))
                .put("state", "rejected").put("comment", "fabricated");
        assertThat(server.post(FORM + "/submissions/review", rejectSome).bodyAsJsonObject().getInteger("changed")).isEqualTo(2);
        awaitCounted(58);
        assertThat(server.post(FORM + "/submissions/review", rejectSome).bodyAsJsonObject().getInteger("changed")).isZero();
        assertRecountAgrees();
        JsonObject audit = server.get("/api/v1/audit?action=submission.review.bulk").bodyAsJsonObject();
        assertThat(audit.getJsonArray("entries").stream().map(JsonObject.class::cast))
                .anySatisfy(e -> assertThat(e.getJsonObject("after").getInteger("changed")).isEqualTo(2));
        // put them back for the other tests
        server.post(FORM + "/submissions/review", rejectSome.copy().put("state", "received").putNull("comment"));
        awaitCounted(60);
    }

    @Test
    @DisplayName("a correction is a new version, validated like a submission; the versions show what changed; the scores count the new answers once")
    void correction() {
        Map<String, Object> answers = new java.util.LinkedHashMap<>(Respondent.population(60).get(20).answers());
        boolean online = "yes".equals(answers.get("internet_use"));
        answers.put("internet_use", online ? "no" : "yes");
        if (online) {
            answers.remove("internet_frequency");
            answers.put("no_internet_reasons", List.of("device_cost"));
        } else {
            answers.remove("no_internet_reasons");
            answers.put("internet_frequency", "daily");
        }
        double before = value();
        HttpResponse<Buffer> invalid = server.post(FORM + "/submissions/" + id(20) + "/versions",
                new JsonObject().put("answers", new JsonObject().put("sex", "other")));
        assertThat(invalid.statusCode()).isEqualTo(422);
        HttpResponse<Buffer> corrected = server.post(FORM + "/submissions/" + id(20) + "/versions",
                new JsonObject().put("answers", new JsonObject(answers)).put("comment", "the respondent misheard"));
        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(corrected.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
        JsonArray versions = server.get(FORM + "/submissions/" + id(20) + "/versions").bodyAsJsonObject().getJsonArray("versions");
        assertThat(versions).hasSize(2);
        JsonObject latest = versions.getJsonObject(1);
        assertThat(latest.getString("comment")).isEqualTo("the respondent misheard");
        assertThat(latest.getJsonArray("changes").stream().map(JsonObject.class::cast))
                .anySatisfy(c -> assertThat(c.getString("field")).isEqualTo("internet_use"));
        Eventually.await("the score counts the corrected answer", 15_000, () -> value() != before);
        assertThat(counted()).isEqualTo(60);
        assertRecountAgrees();
    }

    @Test
    @DisplayName("a phone's correction names the submission it replaces: a retry is a duplicate, replacing an old version is 409")
    void replacedFromAPhone() {
        String replacement = Submissions.newInstanceId();
        Map<String, Object> answers = Respondent.population(60).get(30).answers();
        JsonObject body = Submissions.body(replacement, answers).put("replaces", id(30));
        assertThat(server.post(FORM + "/submissions", body).statusCode()).isEqualTo(201);
        assertThat(server.post(FORM + "/submissions", body).statusCode()).as("a retry").isEqualTo(200);
        HttpResponse<Buffer> stale = server.post(FORM + "/submissions", Submissions.body(Submissions.newInstanceId(), answers)
                .put("replaces", id(30)));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("submission.not_current");
        assertThat(server.get(FORM + "/submissions/" + replacement).bodyAsJsonObject().getInteger("version")).isEqualTo(2);
        assertThat(counted()).isEqualTo(60);
    }

    @Test
    @DisplayName("deleting moves a submission to the trash: hidden from the list, not counted, its instance id still taken; restore brings it back")
    void trash() {
        assertThat(server.delete(FORM + "/submissions/" + id(40)).statusCode()).isEqualTo(200);
        awaitCounted(59);
        assertThat(list()).doesNotContain(id(40));
        assertThat(server.get(FORM + "/trash").bodyAsJsonObject().getJsonArray("submissions").stream()
                .map(s -> ((JsonObject) s).getString("instanceId"))).contains(id(40));
        assertThat(server.post(FORM + "/submissions", bodies.get(40).copy().put("formId", "digital-literacy")).statusCode())
                .as("a phone's retry is still a duplicate").isEqualTo(200);
        assertThat(server.post(FORM + "/submissions/" + id(40) + "/restore", new JsonObject()).statusCode()).isEqualTo(200);
        awaitCounted(60);
        assertThat(list()).contains(id(40));
        assertRecountAgrees();
    }

    @Test
    @DisplayName("a supervisor sees and reviews only their team's submissions; an enumerator sees the review of their own")
    void supervisorsAndEnumerators() {
        WebClient admin = server.client();
        WebClient sokha = TestAccounts.user(admin, server.anonymous(), "sokha", "enumerator", List.of("digital-literacy"));
        WebClient dara = TestAccounts.user(admin, server.anonymous(), "dara", "enumerator", List.of("digital-literacy"));
        WebClient lead = TestAccounts.user(admin, server.anonymous(), "srey-lead", "supervisor", List.of());
        JsonObject users = server.get("/api/v1/users").bodyAsJsonObject();
        String sokhaId = userId(users, "sokha");
        String leadId = userId(users, "srey-lead");
        assertThat(server.patch("/api/v1/users/" + leadId, new JsonObject().put("team", new JsonArray().add(sokhaId))).statusCode())
                .isEqualTo(200);
        JsonObject mine = Submissions.body(Respondent.population(60).get(5).answers());
        JsonObject theirs = Submissions.body(Respondent.population(60).get(6).answers());
        assertThat(TestServer.await(sokha.post(FORM + "/submissions").sendJsonObject(mine)).statusCode()).isEqualTo(201);
        assertThat(TestServer.await(dara.post(FORM + "/submissions").sendJsonObject(theirs)).statusCode()).isEqualTo(201);

        List<String> seen = TestServer.await(lead.get(FORM + "/submissions?limit=1000").send()).bodyAsJsonObject()
                .getJsonArray("submissions").stream().map(s -> ((JsonObject) s).getString("instanceId")).toList();
        assertThat(seen).containsExactly(mine.getString("instanceId"));
        assertThat(TestServer.await(lead.patch(FORM + "/submissions/" + theirs.getString("instanceId"))
                .sendJsonObject(new JsonObject().put("review", new JsonObject().put("state", "approved")))).statusCode()).isEqualTo(404);
        assertThat(TestServer.await(lead.patch(FORM + "/submissions/" + mine.getString("instanceId")).sendJsonObject(new JsonObject()
                .put("review", new JsonObject().put("state", "on_hold").put("comment", "សួរម្ដងទៀតអំពីអាយុ")))).statusCode()).isEqualTo(200);
        JsonObject own = TestServer.await(sokha.get(FORM + "/submissions/" + mine.getString("instanceId")).send()).bodyAsJsonObject();
        assertThat(own.getJsonObject("review").getString("state")).isEqualTo("on_hold");
        assertThat(own.getJsonObject("review").getString("comment")).isEqualTo("សួរម្ដងទៀតអំពីអាយុ");
        assertThat(TestServer.await(sokha.patch(FORM + "/submissions/" + mine.getString("instanceId")).sendJsonObject(new JsonObject()
                .put("review", new JsonObject().put("state", "approved")))).statusCode()).as("enumerators cannot review").isEqualTo(403);
        JsonObject bulk = TestServer.await(lead.post(FORM + "/submissions/review").sendJsonObject(new JsonObject()
                .put("filter", new JsonObject()).put("state", "approved"))).bodyAsJsonObject();
        assertThat(bulk.getInteger("matched")).as("a supervisor's bulk action reaches their team only").isEqualTo(1);
        assertThat(users.getJsonArray("users").stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals("srey-lead")))
                .isNotEmpty();
        assertThat(server.get("/api/v1/users").bodyAsJsonObject().getJsonArray("users").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("id").equals(leadId)).findFirst().orElseThrow().getJsonArray("team")).containsExactly(sokhaId);
        awaitCounted(62);
    }

    @Test
    @DisplayName("counting approved submissions only: the scores follow the setting, and a recount agrees")
    void countedStates() {
        TestServer other = TestServer.start();
        try {
            JsonArray batch = new JsonArray();
            List<JsonObject> mine = new ArrayList<>();
            for (Respondent r : Respondent.population(40)) {
                JsonObject body = Submissions.body(r.answers()).put("formId", "digital-literacy");
                mine.add(body);
                batch.add(body);
            }
            other.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
            JsonArray approve = new JsonArray();
            mine.subList(0, 30).forEach(b -> approve.add(b.getString("instanceId")));
            other.post(FORM + "/submissions/review", new JsonObject().put("filter", new JsonObject().put("instanceIds", approve))
                    .put("state", "approved"));
            HttpResponse<Buffer> changed = other.patch(FORM + "/settings", new JsonObject().put("countedStates", new JsonArray().add("approved")));
            assertThat(changed.statusCode()).isEqualTo(200);
            Eventually.await("only the 30 approved count", 20_000, () -> other.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                    .getJsonObject("estimate").getLong("n", 0L) == 30);
            JsonObject report = Recomputes.run(other.client());
            assertThat(report.getLong("differences")).isZero();
            assertThat(other.get("/api/v1/audit?action=form.counted_states").bodyAsJsonObject().getJsonArray("entries")).hasSize(1);
        } finally {
            other.close();
        }
    }

    @Test
    @DisplayName("after the retention the trash is purged: the answers are gone, the instance id stays taken, the scores agree with a recount")
    void purge() {
        TestServer other = TestServer.start(Map.of("TONLE_TRASH_DAYS", "0", "TONLE_PURGE_INTERVAL_MS", "200"));
        try {
            JsonArray batch = new JsonArray();
            List<JsonObject> mine = new ArrayList<>();
            for (Respondent r : Respondent.population(60)) {
                JsonObject body = Submissions.body(r.answers()).put("formId", "digital-literacy");
                mine.add(body);
                batch.add(body);
            }
            other.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
            String gone = mine.get(3).getString("instanceId");
            assertThat(other.delete(FORM + "/submissions/" + gone).statusCode()).isEqualTo(200);
            Eventually.await("purged", 15_000, () -> other.get(FORM + "/submissions/" + gone).statusCode() == 404);
            assertThat(other.get(FORM + "/trash").bodyAsJsonObject().getJsonArray("submissions")).isEmpty();
            assertThat(other.post(FORM + "/submissions", mine.get(3).copy().put("formId", "digital-literacy")).statusCode())
                    .as("a very late retry is still a duplicate").isEqualTo(200);
            assertThat(other.get("/api/v1/audit?action=submission.purge").bodyAsJsonObject().getJsonArray("entries")).isNotEmpty();
            Eventually.await("59 counted", 15_000, () -> other.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                    .getJsonObject("estimate").getLong("n", 0L) == 59);
            assertThat(Recomputes.run(other.client()).getLong("differences")).isZero();
        } finally {
            other.close();
        }
    }

    private static double value() {
        return server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate").getDouble("value");
    }

    private static List<String> list() {
        return server.get(FORM + "/submissions?limit=1000").bodyAsJsonObject().getJsonArray("submissions").stream()
                .map(s -> ((JsonObject) s).getString("instanceId")).toList();
    }

    private static String userId(JsonObject users, String username) {
        return users.getJsonArray("users").stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals(username))
                .findFirst().orElseThrow().getString("id");
    }
}
