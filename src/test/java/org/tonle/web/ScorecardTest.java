package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** A partner reading the published scorecard, without an account: the latest release, its charts and withheld groups. */
class ScorecardTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        // Phnom Penh 40 online; Siem Reap 20 online, 10 not; Kandal 25 online; Banteay Meanchey 5 (too few to show)
        JsonArray batch = new JsonArray();
        add(batch, "12", "yes", 40);
        add(batch, "17", "yes", 20);
        add(batch, "17", "no", 10);
        add(batch, "08", "yes", 25);
        add(batch, "01", "yes", 5);
        server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
        Eventually.await("counted", 10_000, () -> server.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                .getJsonObject("estimate").getLong("n", 0L) == 100);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void add(JsonArray batch, String province, String internetUse, int people) {
        for (int i = 0; i < people; i++) {
            Map<String, Object> a = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            a.put("province", province);
            a.put("internet_use", internetUse);
            if (internetUse.equals("no")) {
                a.remove("internet_frequency");
                a.put("no_internet_reasons", List.of("no_device"));
            }
            batch.add(Submissions.body(a).put("formId", "digital-literacy"));
        }
    }

    @Test
    @DisplayName("before any release the page says so; then it shows the latest release's date, that small groups are withheld, and the charts")
    void scorecard() {
        try (BrowserContext context = Chromium.desktop("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/scorecard");
            assertThat(page.locator("main")).containsText("មិនទាន់មានអ្វីត្រូវបានចេញផ្សាយ");

            assertThat(server.post("/api/v1/releases", new JsonObject().put("title",
                    new JsonObject().put("en", "December 2026").put("km", "ខែធ្នូ ២០២៦"))).statusCode()).isEqualTo(201);
            page.reload();
            assertThat(page.locator("#release-line")).containsText("ការចេញផ្សាយលេខ ១៖ ខែធ្នូ ២០២៦");
            assertThat(page.locator("#withheld-note")).containsText("ក្រុមតូចៗមិនត្រូវបានបង្ហាញទេ");
            page.locator("#scorecard [data-indicator='internet_use']").first().click();

            // 90 of 100 online; Banteay Meanchey's 5 withheld, and Kandal with it, so it cannot be worked out
            assertThat(page.locator("#national-value")).hasText("៩០,០%");
            assertThat(page.locator("#province-table tr[data-key='12'] td.num").first()).hasText("១០០,០%");
            assertThat(page.locator("#province-table tr[data-key='01'] td.num").first()).hasText("មិនបង្ហាញ");
            assertThat(page.locator("#province-table tr[data-key='08'] td.num").first()).hasText("មិនបង្ហាញ");
            page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('chart'))");
            assertThat(page.locator("#live")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "scorecard-km.png")).setFullPage(true));

            page.locator("#lang-toggle").click();
            assertThat(page.locator("#release-line")).containsText(Pattern.compile("Release 1: December 2026\\. Published \\d"));
            assertThat(page.locator("#province-table tr[data-key='01'] td.num").first()).hasText("withheld");
            assertThat(page.locator("#province-table tr[data-key='01'] td").last()).containsText("too few people");
            page.locator("#breakdown").selectOption("sex");
            assertThat(page.locator("#province-table tr[data-key='female']")).isVisible();
            page.locator("#back-scorecard").click();
            assertThat(page.locator("#scorecard")).isVisible();
        }
        assertThat(server.get("/api/v1/releases").bodyAsJsonObject().getJsonArray("releases")).hasSize(1);
    }
}
