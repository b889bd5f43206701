package org.tonle.polls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Attacks on public poll results: the hidden cells from the total, and one respondent from two readings. */
class PollAttackTest {

    private static TestServer server;
    private static WebClient organizer;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("TONLE_POLL_RATE", "1000"));
        organizer = server.as("organizer1", "organizer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A public poll, "Which app?", with choices a to e. */
    private static String poll() {
        JsonArray choices = new JsonArray();
        for (String c : List.of("a", "b", "c", "d", "e")) {
            choices.add(new JsonObject().put("value", c).put("label", new JsonObject().put("en", "App " + c).put("km", "កម្មវិធី " + c)));
        }
        JsonObject request = new JsonObject()
                .put("title", new JsonObject().put("en", "Which app?").put("km", "កម្មវិធីណា?")).put("publicResults", true)
                .put("questions", new JsonArray().add(new JsonObject().put("name", "app").put("type", "select_one")
                        .put("choices", "apps").put("required", true)
                        .put("label", new JsonObject().put("en", "Which app?").put("km", "កម្មវិធីណា?"))))
                .put("choices", new JsonObject().put("apps", choices));
        HttpResponse<Buffer> r = TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(request));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("code");
    }

    private static void answer(String code, String app) {
        WebClientSession phone = WebClientSession.create(server.anonymous());
        TestServer.await(phone.get("/api/v1/polls/" + code).send());
        HttpResponse<Buffer> r = TestServer.await(phone.post("/api/v1/polls/" + code + "/responses")
                .sendJsonObject(Submissions.body(Map.of("app", app))));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }

    private static JsonObject results(WebClient who, String code) {
        return TestServer.await(who.get("/api/v1/polls/" + code + "/results").send()).bodyAsJsonObject();
    }

    private static JsonObject question(JsonObject results) {
        return results.getJsonArray("questions").getJsonObject(0);
    }

    /** Every value choice {@code value} could have, given the published counts, the total, and that hidden cells may be 0. */
    private static TreeSet<Integer> possible(JsonObject question, String value) {
        int hiddenTotal = question.getInteger("n");
        List<String> hidden = new ArrayList<>();
        for (Object o : question.getJsonArray("choices")) {
            JsonObject c = (JsonObject) o;
            if (c.getBoolean("suppressed")) {
                hidden.add(c.getString("value"));
            } else {
                hiddenTotal -= c.getInteger("count");
            }
        }
        TreeSet<Integer> values = new TreeSet<>();
        if (hidden.contains(value)) {
            for (int v = 0; v <= hiddenTotal; v++) {
                values.add(v); // the rest can always go to another hidden cell: there are at least two
            }
        }
        return values;
    }

    @Test
    @DisplayName("answers 1, 1, 20, 20 and 0: the hidden cells cannot be worked out from the total, since zeros are hidden with them")
    void hiddenFromTotal() {
        String code = poll();
        for (int i = 0; i < 20; i++) {
            answer(code, "c");
            answer(code, "d");
        }
        answer(code, "a");
        answer(code, "b");
        JsonObject q = question(results(server.anonymous(), code));
        List<String> hidden = q.getJsonArray("choices").stream().map(JsonObject.class::cast).filter(c -> c.getBoolean("suppressed"))
                .map(c -> c.getString("value")).toList();
        // before: a and b hidden, e shown as 0, so each hidden cell was at least 1 and the hidden total 2 made both 1
        assertThat(hidden).contains("a", "b", "e");
        assertThat(possible(q, "a")).as("what a could be").hasSizeGreaterThan(3).contains(0, 1, 2);
    }

    @Test
    @DisplayName("one more answer changes nothing the public or the organiser sees, until five have arrived; an admin sees it at once")
    void beforeAndAfterOneAnswer() {
        String code = poll();
        for (int i = 0; i < 30; i++) {
            answer(code, List.of("a", "b", "c").get(i % 3));
        }
        JsonObject publicBefore = results(server.anonymous(), code);
        JsonObject adminBefore = results(server.client(), code);
        answer(code, "a");
        // live results are recounted every 2 s: waiting that out shows what the new respondent chose
        org.tonle.support.Eventually.await("the admin's live results count the answer", 10_000,
                () -> results(server.client(), code).getInteger("responses") == 31);
        int adminDelta = count(results(server.client(), code), "a") - count(adminBefore, "a");
        assertThat(adminDelta).as("live: the new respondent chose a").isEqualTo(1);
        assertThat(results(server.anonymous(), code)).isEqualTo(publicBefore);
        assertThat(results(organizer, code)).as("the organiser, while the poll is open").isEqualTo(publicBefore);
        for (int i = 0; i < 3; i++) {
            answer(code, "b");
        }
        assertThat(results(server.anonymous(), code)).as("four new answers").isEqualTo(publicBefore);
        answer(code, "c");
        JsonObject publicAfter = results(server.anonymous(), code);
        assertThat(publicAfter.getInteger("responses")).as("five new answers: published again").isEqualTo(35);
        assertThat(count(publicAfter, "a")).isEqualTo(11);
    }

    private static int count(JsonObject results, String value) {
        return question(results).getJsonArray("choices").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("value").equals(value)).findFirst().orElseThrow().getInteger("count");
    }
}
