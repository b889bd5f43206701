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
        server.as("sophea", "enumerator", "digital-literacy");
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
