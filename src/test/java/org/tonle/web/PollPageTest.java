package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.i18n.Khmer;
import org.tonle.polls.SamplePolls;
import org.tonle.support.Chromium;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** A student opens a youth group's poll from its code on a phone, with no account. */
class PollPageTest {

    private static TestServer server;
    private static String code;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start(Map.of("TONLE_POLL_RATE", "1000"));
        WebClient organizer = server.as("youth", "organizer");
        code = TestServer.await(organizer.post("/api/v1/polls").sendJsonObject(SamplePolls.appPoll()))
                .bodyAsJsonObject().getString("code");
        // earlier respondents: 20 Facebook, 3 Telegram, 6 TikTok
        for (int i = 0; i < 29; i++) {
            WebClientSession phone = WebClientSession.create(server.anonymous());
            TestServer.await(phone.get("/api/v1/polls/" + code).send());
            String app = i < 20 ? "facebook" : i < 23 ? "telegram" : "tiktok";
            TestServer.await(phone.post("/api/v1/polls/" + code + "/responses").sendJsonObject(Submissions.body(Map.of("app", app))));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static int responses() {
        return responses(code);
    }

    private static int responses(String poll) {
        return server.get("/api/v1/polls/" + poll + "/results").bodyAsJsonObject().getInteger("responses");
    }

    @Test
    @DisplayName("an answer given offline is kept, sent by itself once the phone is online again, and counted once; the closing date is in Khmer")
    void offlineAnswer() {
        Instant closes = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String poll = TestServer.await(server.as("club", "organizer").post("/api/v1/polls")
                .sendJsonObject(SamplePolls.appPoll().put("closesAt", closes.toString()))).bodyAsJsonObject().getString("code");
        try (BrowserContext context = SmallPhone.open("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/p/" + poll);
            String closing = Khmer.dateTime(closes.atOffset(ZoneOffset.ofHours(7)));
            assertThat(page.locator("#poll-body")).containsText("បើករហូតដល់ " + closing);
            assertThat(page.locator("#poll-body .note").first().innerText()).doesNotContainPattern("[0-9]");

            context.setOffline(true);
            page.locator("input[name='app'][value='telegram']").check();
            page.locator("#poll-submit").click();
            assertThat(page.locator("#poll-error")).containsText("ចម្លើយរបស់អ្នកត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះ");
            assertThat(responses(poll)).isZero();

            context.setOffline(false);
            assertThat(page.locator("#poll-thanks")).hasText("អរគុណ! ចម្លើយរបស់អ្នកត្រូវបានកត់ត្រាទុកហើយ។",
                    new LocatorAssertions.HasTextOptions().setTimeout(45_000));
            Eventually.await("the answer counted", 10_000, () -> responses(poll) == 1);
            page.reload();
            assertThat(page.locator("#poll-thanks")).isVisible();
            JsonObject mine = TestServer.await(server.client().get("/api/v1/polls/" + poll + "/results").send()).bodyAsJsonObject();
            assertThat(mine.getInteger("responses")).as("answers stored").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("answered once from its code: thanks, public results with small counts withheld; a second answer is refused")
    void answerOnce() {
        try (BrowserContext context = Chromium.phone("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/p/" + code.toLowerCase());
            assertThat(page.locator("#poll-title")).hasText("តើអ្នកប្រើកម្មវិធីណាច្រើនជាងគេ?");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "poll-km.png")));
            page.locator("input[name='app'][value='tiktok']").check();
            page.locator("#poll-submit").click();
            assertThat(page.locator("#poll-thanks")).hasText("អរគុណ! ចម្លើយរបស់អ្នកត្រូវបានកត់ត្រាទុកហើយ។");
            assertThat(responses()).isEqualTo(30);

            // 20 / 3 / 7 of 30: Telegram is too small to show, and TikTok is withheld with it
            assertThat(page.locator("#poll-results [data-value='facebook'] .share")).hasText("៦៧% (២០)");
            assertThat(page.locator("#poll-results [data-value='telegram']")).hasAttribute("data-suppressed", "true");
            assertThat(page.locator("#poll-results [data-value='telegram']")).containsText("ចម្លើយតិចពេក");
            assertThat(page.locator("#poll-results [data-value='tiktok']")).hasAttribute("data-suppressed", "true");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "poll-results-km.png")).setFullPage(true));

            // the same phone with its page memory wiped: the server still knows its respondent token
            page.evaluate("localStorage.clear()");
            page.reload();
            page.locator("input[name='app'][value='facebook']").check();
            page.locator("#poll-submit").click();
            assertThat(page.locator("#poll-thanks")).hasText("ឧបករណ៍នេះបានឆ្លើយការស្ទង់មតិនេះរួចហើយ។ អរគុណ!");
            assertThat(responses()).isEqualTo(30);
            JsonObject facebook = server.get("/api/v1/polls/" + code + "/results").bodyAsJsonObject()
                    .getJsonArray("questions").getJsonObject(0).getJsonArray("choices").getJsonObject(0);
            assertThat(facebook.getInteger("count")).isEqualTo(20);
        }
    }
}
