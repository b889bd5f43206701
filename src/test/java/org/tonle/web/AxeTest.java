package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.polls.SamplePolls;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * axe-core 4 over every screen a person reaches, logged in or not, on a 360-pixel phone in Khmer:
 * no violation of moderate impact or worse. axe-core comes from npm ({@code .ci/run} installs it
 * into target/npm); without it these tests are skipped locally and fail under CI.
 */
class AxeTest {

    private static final Path AXE = Path.of("target", "npm", "node_modules", "axe-core", "axe.min.js");
    private static final String RUN = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact))
                .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
            }""";
    private static String axe;
    private static TestServer server;
    private static String base;
    private static String poll;
    private static io.vertx.ext.web.client.WebClient sophea;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isReadable(AXE)) {
            String why = "axe-core is not installed at " + AXE + " (npm install --prefix target/npm axe-core@4)";
            if ("1".equals(System.getenv("TONLE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why + "; accessibility scans skipped");
        }
        axe = Files.readString(AXE);
        Chromium.browser();
        server = TestServer.start(Map.of("TONLE_POLL_RATE", "1000"));
        sophea = server.as("sophea", "enumerator", "digital-literacy");
        server.as("vanna", "analyst");
        poll = TestServer.await(server.as("kosal", "organizer").post("/api/v1/polls").sendJsonObject(SamplePolls.appPoll()))
                .bodyAsJsonObject().getString("code");
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> a = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            a.put("province", i < 30 ? "12" : i < 50 ? "17" : "01");
            batch.add(Submissions.body(a).put("formId", "digital-literacy"));
        }
        server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
        Eventually.await("counted", 10_000, () -> server.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                .getJsonObject("estimate").getLong("n", 0L) == 60);
        server.post("/api/v1/releases", new JsonObject().put("title", new JsonObject().put("en", "First").put("km", "លើកទីមួយ")));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static BrowserContext phone() {
        return Chromium.browser().newContext(SmallPhone.options(base).setBypassCSP(true)); // axe is injected as a script
    }

    /** The violations of moderate impact or worse on the page as it is now, named by screen. */
    @SuppressWarnings("unchecked")
    private static List<String> scan(Page page, String screen) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) {
            page.evaluate(axe);
        }
        List<String> found = new ArrayList<>();
        for (String v : (List<String>) page.evaluate(RUN)) {
            found.add(screen + ": " + v);
        }
        return found;
    }

    @Test
    @DisplayName("enumerator app: log-in, home, a question, a group with its errors, the review, sent and saved")
    void enumerator() {
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/");
            page.locator("#login-button").waitFor();
            violations.addAll(scan(page, "log-in"));
            page.locator("#username").fill("sophea");
            page.locator("#password").fill("password of sophea");
            page.locator("#login-button").click();
            page.locator("[data-form-id='digital-literacy']:not([aria-disabled])").waitFor();
            violations.addAll(scan(page, "home"));
            page.locator("[data-form-id='digital-literacy']").click();
            page.locator("[data-question='sex']").waitFor();
            violations.addAll(scan(page, "question"));
            page.locator("[data-question='sex'] input[value='female']").check();
            page.locator("#next").click();
            page.locator("#q-age").fill("30");
            page.locator("#next").click();
            page.locator("[data-question='province'] input[value='12']").check();
            page.locator("#next").click();
            page.locator("[data-question='area'] input[value='urban']").check();
            page.locator("#next").click();
            page.locator("[data-question='village_code']").waitFor();
            page.locator("#next").click();
            page.locator("[data-question='wg_seeing']").waitFor();
            page.locator("#next").click();
            assertThat(page.locator("[data-question='wg_seeing'] .field-error")).isVisible();
            violations.addAll(scan(page, "group with errors"));
            Map<String, Object> person = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            person.put("age", "30");
            FormFiller.fill(page, person);
            violations.addAll(scan(page, "review"));
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "sent");
            violations.addAll(scan(page, "sent"));
            context.setOffline(true);
            page.locator("#new-interview").click();
            FormFiller.fill(page, person);
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "queued");
            violations.addAll(scan(page, "saved on the phone"));
            page.locator("#go-home").click();
            violations.addAll(scan(page, "home with one waiting"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("poll page: the question, and the thanks with results")
    void pollPage() {
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/p/" + poll);
            page.locator("#poll-submit").waitFor();
            violations.addAll(scan(page, "poll"));
            page.locator("#poll-submit").click();
            assertThat(page.locator("[data-question='app'] .field-error")).isVisible();
            violations.addAll(scan(page, "poll with an error"));
            page.locator("input[name='app'][value='facebook']").check();
            page.locator("#poll-submit").click();
            page.locator("#poll-thanks").waitFor();
            violations.addAll(scan(page, "thanks"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("dashboard: log-in, scorecard, an indicator with its chart and table")
    void dashboard() {
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/dashboard");
            page.locator("#dash-login").waitFor();
            violations.addAll(scan(page, "dashboard log-in"));
            page.locator("#dash-username").fill("vanna");
            page.locator("#dash-password").fill("password of vanna");
            page.locator("#dash-login").click();
            page.locator("#scorecard").waitFor();
            violations.addAll(scan(page, "scorecard"));
            page.locator("#scorecard [data-indicator='internet_use']").first().click();
            page.locator("#province-table tbody tr").first().waitFor();
            page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('chart'))");
            violations.addAll(scan(page, "indicator"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("dashboard submission screens: the list, a bulk action with an error and to confirm, one submission with its versions and a comment error, the trash")
    void submissionScreens() {
        String form = "/api/v1/forms/digital-literacy";
        String corrected = server.get(form + "/submissions?limit=1&province=17").bodyAsJsonObject().getJsonArray("submissions")
                .getJsonObject(0).getString("instanceId");
        Map<String, Object> answers = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        answers.put("province", "17");
        answers.put("internet_use", "no");
        answers.remove("internet_frequency");
        answers.put("no_internet_reasons", List.of("device_cost"));
        server.post(form + "/submissions/" + corrected + "/versions", new JsonObject().put("answers", new JsonObject(answers))
                .put("comment", "ការកែតម្រូវ"));
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/dashboard");
            page.locator("#dash-username").fill("vanna");
            page.locator("#dash-password").fill("password of vanna");
            page.locator("#dash-login").click();
            page.locator("#scorecard").waitFor();
            page.evaluate("() => { location.hash = '#/submissions?form=digital-literacy'; }");
            page.locator("#sub-table").waitFor();
            violations.addAll(scan(page, "submissions"));
            page.locator("#bulk-state").selectOption("rejected");
            page.locator("#bulk-preview").click();
            page.locator("#bulk-error").waitFor();
            violations.addAll(scan(page, "bulk review without its comment"));
            page.locator("#bulk-state").selectOption("approved");
            page.locator("#bulk-preview").click();
            page.locator("#bulk-confirm").waitFor();
            violations.addAll(scan(page, "bulk review to confirm"));
            page.locator("#bulk-cancel").click();

            page.evaluate("(h) => { location.hash = h; }", "#/submissions/digital-literacy/" + corrected);
            page.locator("#versions li[data-version='2']").waitFor();
            violations.addAll(scan(page, "one submission with its versions"));
            page.locator("#reject").click();
            page.locator("#review-comment-error").waitFor();
            violations.addAll(scan(page, "rejecting without a comment"));
            page.locator("#review-comment").fill("ការសម្ភាសសាកល្បង");
            page.locator("#reject").click();
            page.locator("#review-state[data-state='rejected']").waitFor();
            violations.addAll(scan(page, "rejected"));
            page.locator("#trash-button").click();
            page.locator("#trash-yes").waitFor();
            violations.addAll(scan(page, "moving to the trash"));
            page.locator("#trash-yes").click();
            page.locator("#sub-message").waitFor();
            violations.addAll(scan(page, "submissions after a move to the trash"));
            page.locator("#trash-link").click();
            page.locator("#trash-table").waitFor();
            violations.addAll(scan(page, "trash"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("enumerator app: home with a rejected response and the supervisor's comment, and every sent response unfolded")
    void enumeratorReviews() {
        String form = "/api/v1/forms/digital-literacy";
        JsonObject body = Submissions.body(SampleAnswers.digitalLiteracy());
        assertThat(TestServer.await(sophea.post(form + "/submissions").sendJsonObject(body)).statusCode()).isEqualTo(201);
        server.patch(form + "/submissions/" + body.getString("instanceId"), new JsonObject().put("review",
                new JsonObject().put("state", "rejected").put("comment", "សូមសួរម្ដងទៀតអំពីអាយុ")));
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/");
            page.locator("#username").fill("sophea");
            page.locator("#password").fill("password of sophea");
            page.locator("#login-button").click();
            page.locator("#follow-up li[data-state='rejected']").first().waitFor();
            violations.addAll(scan(page, "home with a rejected response"));
            page.locator("#all-sent summary").click();
            page.locator("#all-sent li").first().waitFor();
            violations.addAll(scan(page, "home with every sent response"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("public scorecard: the latest release, and an indicator with its chart and withheld cells")
    void scorecard() {
        List<String> violations = new ArrayList<>();
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/scorecard");
            page.locator("#scorecard").waitFor();
            violations.addAll(scan(page, "public scorecard"));
            page.locator("#scorecard [data-indicator='internet_use']").first().click();
            page.locator("#province-table tbody tr").first().waitFor();
            page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('chart'))");
            violations.addAll(scan(page, "public indicator"));
        }
        assertThat(violations).isEmpty();
    }
}
