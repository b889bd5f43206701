package org.tonle.polls;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

class PollsApiTest {

    private static TestServer server;
    private static WebClient organizer;

    @BeforeAll
    static void start() {
        // a generous per-address limit: every respondent in these tests comes from 127.0.0.1
        server = TestServer.start(Map.of("TONLE_POLL_RATE", "1000", "TONLE_PUBLIC_URL", "https://polls.example.org/"));
        organizer = server.as("youthgroup", "organizer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject create(JsonObject request) {
        HttpResponse<Buffer> r = TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(request));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject();
    }

    /** A new phone: its own cookie jar, so its own respondent token. */
    private static WebClientSession phone() {
        return WebClientSession.create(server.anonymous());
    }

    private static HttpResponse<Buffer> answer(WebClientSession phone, String code, String app) {
        TestServer.await(phone.get("/api/v1/polls/" + code).send());
        return answer(phone, code, Submissions.newInstanceId(), app);
    }

    private static HttpResponse<Buffer> answer(WebClient phone, String code, String instanceId, String app) {
        return TestServer.await(phone.post("/api/v1/polls/" + code + "/responses")
                .sendJsonObject(Submissions.body(instanceId, Map.of("app", app))));
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }

    @Test
    @DisplayName("an organiser's poll gets a short unambiguous code, a URL and a QR code that scans to that URL")
    void createAndQr() throws Exception {
        JsonObject poll = create(SamplePolls.appPoll());
        String code = poll.getString("code");
        assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
        assertThat(poll.getString("url")).isEqualTo("https://polls.example.org/p/" + code);
        HttpResponse<Buffer> png = TestServer.await(server.anonymous().get("/api/v1/polls/" + code + "/qr.png").send());
        assertThat(png.getHeader("content-type")).isEqualTo("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
        String scanned = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(scanned).isEqualTo("https://polls.example.org/p/" + code);
        // codes are read aloud and typed: lower case works too
        assertThat(TestServer.await(server.anonymous().get("/api/v1/polls/" + code.toLowerCase()).send()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a respondent answers once: a retry is a duplicate, a second answer is 409, another phone is fine")
    void onceEach() {
        String code = create(SamplePolls.appPoll()).getString("code");
        WebClientSession phone = phone();
        HttpResponse<Buffer> opened = TestServer.await(phone.get("/api/v1/polls/" + code).send());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.bodyAsJsonObject().getJsonObject("form").getJsonArray("questions")).isNotEmpty();
        assertThat(opened.bodyAsJsonObject().getString("respondentToken")).isNotBlank();
        assertThat(opened.cookies()).anyMatch(c -> c.startsWith("tonle_respondent_" + code + "=") && c.toLowerCase().contains("httponly"));

        String instanceId = Submissions.newInstanceId();
        assertThat(answer(phone, code, instanceId, "telegram").statusCode()).isEqualTo(201);
        HttpResponse<Buffer> retry = answer(phone, code, instanceId, "telegram");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsJsonObject().getString("status")).isEqualTo("duplicate");
        HttpResponse<Buffer> again = answer(phone, code, Submissions.newInstanceId(), "facebook");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("poll.already_answered");
        // the same token sent in the body instead of the cookie is the same respondent
        String token = opened.bodyAsJsonObject().getString("respondentToken");
        HttpResponse<Buffer> viaBody = TestServer.await(server.anonymous().post("/api/v1/polls/" + code + "/responses")
                .sendJsonObject(Submissions.body(Map.of("app", "tiktok")).put("respondentToken", token)));
        assertThat(code(viaBody)).isEqualTo("poll.already_answered");
        // the code typed in lower case is the same poll, and the same device
        HttpResponse<Buffer> lowerCase = answer(phone, code.toLowerCase(), Submissions.newInstanceId(), "facebook");
        assertThat(code(lowerCase)).isEqualTo("poll.already_answered");
        assertThat(answer(phone(), code, "facebook").statusCode()).isEqualTo(201);

        HttpResponse<Buffer> noToken = answer(server.anonymous(), code, Submissions.newInstanceId(), "facebook");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(code(noToken)).isEqualTo("poll.respondent_required");
        HttpResponse<Buffer> invalid = answer(phone(), code, "myspace");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("code"))
                .isEqualTo("choice");
    }

    @Test
    @DisplayName("a poll not yet open or already closed refuses answers with poll.closed")
    void window() {
        JsonObject later = SamplePolls.appPoll().put("opensAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        String code = create(later).getString("code");
        HttpResponse<Buffer> early = answer(phone(), code, "facebook");
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(code(early)).isEqualTo("poll.closed");
        assertThat(early.bodyAsJsonObject().getJsonObject("error").getJsonObject("message").getString("km")).isNotBlank();
    }

    @Test
    @DisplayName("a poll with a cap takes that many answers and refuses the next with poll.full")
    void cap() {
        String code = create(SamplePolls.appPoll().put("cap", 2)).getString("code");
        assertThat(answer(phone(), code, "facebook").statusCode()).isEqualTo(201);
        assertThat(answer(phone(), code, "tiktok").statusCode()).isEqualTo(201);
        HttpResponse<Buffer> full = answer(phone(), code, "telegram");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(code(full)).isEqualTo("poll.full");
    }

    @Test
    @DisplayName("one address answering too fast gets 429 with Retry-After, and nothing is stored")
    void rateLimit() {
        try (TestServer strict = TestServer.start(Map.of("TONLE_POLL_RATE", "3"))) {
            WebClient org = strict.as("strictorg", "organizer");
            String code = TestServer.await(org.post("/api/v1/polls").sendJsonObject(SamplePolls.appPoll())).bodyAsJsonObject().getString("code");
            int accepted = 0;
            HttpResponse<Buffer> last = null;
            for (int i = 0; i < 5; i++) {
                WebClientSession p = WebClientSession.create(strict.anonymous());
                TestServer.await(p.get("/api/v1/polls/" + code).send());
                last = answer(p, code, Submissions.newInstanceId(), "facebook");
                accepted += last.statusCode() == 201 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(3);
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(code(last)).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(last.getHeader("Retry-After"))).isBetween(1, 60);
            JsonObject results = TestServer.await(org.get("/api/v1/polls/" + code + "/results").send()).bodyAsJsonObject();
            assertThat(results.getInteger("responses")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("results show counts and shares, hide small counts (and one more in a single-choice question), never as zero")
    void suppressedResults() {
        String code = create(SamplePolls.appPoll()).getString("code");
        for (int i = 0; i < 24; i++) {
            answer(phone(), code, "facebook");
        }
        JsonObject few = TestServer.await(server.anonymous().get("/api/v1/polls/" + code + "/results").send()).bodyAsJsonObject();
        assertThat(few.getInteger("responses")).isEqualTo(24);
        JsonObject q = few.getJsonArray("questions").getJsonObject(0);
        assertThat(q.getBoolean("suppressed")).isTrue();
        assertThat(q.getValue("n")).isNull();

        for (int i = 0; i < 3; i++) {
            answer(phone(), code, "telegram");
        }
        for (int i = 0; i < 8; i++) {
            answer(phone(), code, "tiktok");
        }
        JsonObject results = io.vertx.core.json.JsonObject.of();
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            results = TestServer.await(server.anonymous().get("/api/v1/polls/" + code + "/results").send()).bodyAsJsonObject();
            if (results.getInteger("responses") == 35) {
                break;
            }
        }
        q = results.getJsonArray("questions").getJsonObject(0);
        assertThat(q.getInteger("n")).isEqualTo(35);
        Map<String, JsonObject> byValue = new java.util.HashMap<>();
        q.getJsonArray("choices").forEach(c -> byValue.put(((JsonObject) c).getString("value"), (JsonObject) c));
        assertThat(byValue.get("telegram").getBoolean("suppressed")).isTrue();
        assertThat(byValue.get("telegram").getValue("count")).isNull();
        // telegram = 35 - facebook - tiktok unless a second cell is hidden: tiktok, the smallest left
        assertThat(byValue.get("tiktok").getBoolean("suppressed")).isTrue();
        assertThat(byValue.get("facebook").getInteger("count")).isEqualTo(24);
        assertThat(byValue.get("facebook").getDouble("share")).isEqualTo(24 / 35.0);
    }

    @Test
    @DisplayName("private results are for the organiser and analysts only")
    void privateResults() {
        String code = create(SamplePolls.appPoll().put("publicResults", false)).getString("code");
        HttpResponse<Buffer> anonymous = TestServer.await(server.anonymous().get("/api/v1/polls/" + code + "/results").send());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(code(anonymous)).isEqualTo("poll.results_private");
        assertThat(TestServer.await(organizer.get("/api/v1/polls/" + code + "/results").send()).statusCode()).isEqualTo(200);
        WebClient otherOrganizer = server.as("othergroup", "organizer");
        assertThat(TestServer.await(otherOrganizer.get("/api/v1/polls/" + code + "/results").send()).statusCode()).isEqualTo(403);
        assertThat(TestServer.await(server.client().get("/api/v1/polls/" + code + "/results").send()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a poll can use a shipped form; bad definitions, a missing Khmer title or an unknown form are refused clearly")
    void definitions() {
        JsonObject shipped = create(new JsonObject().put("formId", "gender-digital"));
        assertThat(shipped.getJsonObject("title").getString("km")).isEqualTo("យេនឌ័រ និងបរិយាបន្នឌីជីថល");

        JsonObject badType = SamplePolls.appPoll();
        badType.getJsonArray("questions").getJsonObject(0).put("type", "select_none");
        HttpResponse<Buffer> r = TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(badType));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(code(r)).isEqualTo("poll.invalid");
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getJsonObject("message").getString("en")).contains("app");

        JsonObject noKhmer = SamplePolls.appPoll().put("title", new JsonObject().put("en", "English only"));
        assertThat(code(TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(noKhmer)))).isEqualTo("poll.invalid");
        HttpResponse<Buffer> unknownForm = TestServer.await(organizer.post("/api/v1/polls")
                .sendJsonObject(new JsonObject().put("formId", "no-such-form")));
        assertThat(unknownForm.statusCode()).isEqualTo(404);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/polls/ABCDEFGH").send()).statusCode()).isEqualTo(404);
    }
}
