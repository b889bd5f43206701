package org.tonle.polls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Issue 12: an organiser's poll definition can neither exhaust memory nor crash the parser, and refuses nonsense. */
class PollDefinitionLimitsTest {

    private static TestServer server;
    private static WebClient organizer;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("TONLE_POLL_RATE", "1000"));
        organizer = server.as("limits-org", "organizer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject label(String en) {
        return new JsonObject().put("en", en).put("km", "សំណួរ " + en);
    }

    private static JsonObject question(String name, String type) {
        JsonObject q = new JsonObject().put("name", name).put("type", type);
        return type.equals("calculate") || type.equals("group") ? q.put("label", label(name)) : q.put("label", label(name));
    }

    private static JsonObject poll(JsonArray questions) {
        return new JsonObject().put("title", label("Limits")).put("publicResults", true).put("questions", questions);
    }

    private static HttpResponse<Buffer> create(JsonObject poll) {
        return TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(poll));
    }

    private static JsonObject error(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error");
    }

    /** A text question and a group of {@code count} calculations, each the previous one twice over. */
    private static JsonObject doubling(int count) {
        JsonArray inner = new JsonArray();
        for (int i = 1; i <= count; i++) {
            inner.add(new JsonObject().put("name", "d" + i).put("type", "calculate")
                    .put("calculation", "concat(${d" + (i - 1) + "}, ${d" + (i - 1) + "})"));
        }
        return poll(new JsonArray().add(question("d0", "text"))
                .add(question("doubling", "group").put("questions", inner)));
    }

    @Test
    @DisplayName("calculations that could build text without bound are refused at creation; a bounded one is accepted and answered")
    void valueSize() {
        HttpResponse<Buffer> forty = create(doubling(40));
        assertThat(forty.statusCode()).isEqualTo(422);
        assertThat(error(forty).getString("code")).isEqualTo("poll.invalid");
        assertThat(error(forty).getJsonObject("message").getString("en")).contains("could build text", "10000");
        assertThat(create(doubling(3)).statusCode()).isEqualTo(422); // a text of up to 4,000 UTF-16 units, doubled twice: 16,000

        HttpResponse<Buffer> once = create(doubling(1));
        assertThat(once.statusCode()).as(once.bodyAsString()).isEqualTo(201);
        String code = once.bodyAsJsonObject().getString("code");
        WebClientSession phone = WebClientSession.create(server.anonymous());
        TestServer.await(phone.get("/api/v1/polls/" + code).send());
        HttpResponse<Buffer> answered = TestServer.await(phone.post("/api/v1/polls/" + code + "/responses")
                .sendJsonObject(Submissions.body(Map.of("d0", "ក".repeat(2000)))));
        assertThat(answered.statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("the 20-question limit counts the questions inside groups")
    void questionsInGroups() {
        JsonArray inner = new JsonArray();
        for (int i = 0; i < 25; i++) {
            inner.add(question("q" + i, "text"));
        }
        HttpResponse<Buffer> r = create(poll(new JsonArray().add(question("g", "group").put("questions", inner))));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(error(r).getJsonObject("message").getString("en")).contains("at most 20 questions");
        assertThat(error(r).getJsonObject("message").getString("km")).contains("២០").matches(".*[\\u1780-\\u17FF].*");
    }

    @Test
    @DisplayName("deeply nested or very long expressions are 422 with a short message, never a stack overflow, and log nothing")
    void deepExpressions() {
        List<String> expressions = List.of(
                "(".repeat(2000) + "1" + ")".repeat(2000),
                "-".repeat(100_000) + "1",
                "not(".repeat(30_000) + "1" + ")".repeat(30_000),
                "1 or ".repeat(15_000) + "1",
                "(".repeat(33) + "1" + ")".repeat(33),
                "0 or ".repeat(300) + "1");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            for (String e : expressions) {
                HttpResponse<Buffer> r = create(poll(new JsonArray().add(question("q", "text").put("relevant", e))));
                assertThat(r.statusCode()).as(e.substring(0, 20)).isEqualTo(422);
                assertThat(error(r).getString("code")).isEqualTo("poll.invalid");
                assertThat(r.body().length()).as(e.substring(0, 20)).isLessThan(1500);
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(log.list.size()).isLessThanOrEqualTo(expressions.size());
    }

    @Test
    @DisplayName("skip logic that depends on its own question's answer is refused: itself, through its group, or in a cycle")
    void selfRelevance() {
        JsonArray itself = new JsonArray().add(question("q", "text").put("relevant", "${q} = 'x'"));
        JsonArray group = new JsonArray().add(question("g", "group").put("relevant", "${inside} != ''")
                .put("questions", new JsonArray().add(question("inside", "text"))));
        JsonArray cycle = new JsonArray().add(question("a", "text").put("relevant", "${b} != ''"))
                .add(question("b", "text").put("relevant", "${c} != ''"))
                .add(new JsonObject().put("name", "c").put("type", "calculate").put("calculation", "concat(${a}, '!')"));
        for (JsonArray questions : List.of(itself, group, cycle)) {
            HttpResponse<Buffer> r = create(poll(questions));
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(error(r).getJsonObject("message").getString("en")).contains("own answer");
        }
        JsonArray fine = new JsonArray().add(question("a", "text")).add(question("b", "text").put("relevant", "${a} != ''"));
        assertThat(create(poll(fine)).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("a poll's text answer with NUL or a lone surrogate is 422 'format'; a title holding one is refused")
    void brokenText() {
        String code = create(poll(new JsonArray().add(question("opinion", "text")))).bodyAsJsonObject().getString("code");
        for (String text : List.of("a\\u0000b", "\\ud800")) {
            WebClientSession phone = WebClientSession.create(server.anonymous());
            TestServer.await(phone.get("/api/v1/polls/" + code).send());
            String body = Submissions.body(Map.of("opinion", "@@TEXT@@")).encode().replace("@@TEXT@@", text);
            HttpResponse<Buffer> r = TestServer.await(phone.post("/api/v1/polls/" + code + "/responses")
                    .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)));
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(error(r).getJsonArray("details").getJsonObject(0).getString("code")).isEqualTo("format");
        }
        JsonObject badTitle = poll(new JsonArray().add(question("opinion", "text"))).put("title", "@@T@@");
        String body = badTitle.encode().replace("\"@@T@@\"", "{\"en\":\"Bad\\u0000\",\"km\":\"ខ\"}");
        HttpResponse<Buffer> r = TestServer.await(organizer.post("/api/v1/polls").putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body)));
        assertThat(r.statusCode()).isEqualTo(422);
    }
}
