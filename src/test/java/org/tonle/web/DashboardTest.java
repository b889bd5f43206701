package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** An analyst at the ministry watching the scores: scorecard, chart, province table, CSV, live updates. */
class DashboardTest {

    private static TestServer server;
    private static int stored;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        server.as("chenda", "analyst");
        // Phnom Penh 40 online; Siem Reap 20 online, 10 not; Kandal 25 online; Banteay Meanchey 5 (too few to show)
        submit("12", "yes", 40);
        submit("17", "yes", 20);
        submit("17", "no", 10);
        submit("08", "yes", 25);
        submit("01", "yes", 5);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void submit(String province, String internetUse, int people) {
        JsonArray batch = new JsonArray();
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
        server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
        stored += people;
        Eventually.await("counted", 10_000, () -> server.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                .getJsonObject("estimate").getLong("n", 0L) == stored);
    }

    @Test
    @DisplayName("scorecard, chart and sortable province table with suppressed cells; CSV with BOM; live update after a submission")
    void dashboard() throws Exception {
        try (BrowserContext context = Chromium.desktop("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/dashboard");
            page.locator("#dash-username").fill("chenda");
            page.locator("#dash-password").fill("password of chenda");
            page.locator("#dash-login").click();
            assertThat(page.locator("#scorecard")).isVisible();
            page.locator("#scorecard [data-indicator='internet_use']").first().click();

            // 90 of 100 online
            assertThat(page.locator("#national-value")).hasText("៩០,០%");
            assertThat(page.locator("#live")).hasAttribute("data-state", "live");
            assertThat(page.locator("#chart")).isVisible();
            assertThat(page.locator("#province-table tr[data-key='12'] td.num").first()).hasText("១០០,០%");
            assertThat(page.locator("#province-table tr[data-key='17'] td.num").first()).hasText("៦៦,៧%");
            assertThat(page.locator("#province-table tr[data-key='01'] td.num").first()).hasText("បានលាក់");
            assertThat(page.locator("#province-table thead th").nth(4)).hasText("ឥទ្ធិពលការរចនា");
            // with the national total shown, one hidden province could be worked out: the next smallest is hidden too
            assertThat(page.locator("#province-table tr[data-key='08'] td.num").first()).hasText("បានលាក់");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "dashboard-km.png")).setFullPage(true));

            page.locator("#province-table [data-sort='value']").click();
            List<String> order = keys(page);
            page.locator("#province-table [data-sort='value']").click();
            List<String> reversed = keys(page);
            assertThat(order).containsExactlyInAnyOrder("12", "17", "08", "01");
            assertThat(reversed.subList(0, 2)).isNotEqualTo(order.subList(0, 2));

            Download download = page.waitForDownload(() -> page.locator("#download-csv").click());
            byte[] csv = Files.readAllBytes(download.path());
            assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(csv, StandardCharsets.UTF_8);
            assertThat(text).contains("ភ្នំពេញ").contains("Phnom Penh").contains("Siem Reap");

            // a submission made through the API moves the page without a reload: 90 of 110
            submit("12", "no", 10);
            assertThat(page.locator("#national-value")).hasText("៨១,៨%");
            assertThat(page.locator("#province-table tr[data-key='12'] td.num").first()).hasText("៨០,០%");
        }
    }

    @Test
    @DisplayName("on a 360-pixel phone: no Chart.js before log-in, one score request and one form request per indicator, a table that says it scrolls, 44-pixel sort buttons")
    void phone() {
        try (BrowserContext context = SmallPhone.open("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            page.onRequest(r -> requests.add(r.url().replaceFirst("^https?://[^/]+", "")));
            page.navigate("/dashboard");
            page.locator("#dash-username").fill("chenda");
            page.locator("#dash-password").fill("password of chenda");
            page.locator("#dash-login").click();
            assertThat(page.locator("#scorecard")).isVisible();
            assertThat(List.copyOf(requests)).as("requests before a chart is shown").noneMatch(u -> u.contains("chart.umd.js"));

            requests.clear();
            page.locator("#scorecard [data-indicator='internet_use']").first().click();
            assertThat(page.locator("#national-value")).hasText(Pattern.compile("^[០-៩]+,[០-៩]%$"));
            page.locator("#chart").waitFor();
            page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('chart'))");
            List<String> seen = List.copyOf(requests);
            assertThat(seen).filteredOn(u -> u.startsWith("/api/v1/indicators/internet_use")).containsExactly("/api/v1/indicators/internet_use?by=province");
            assertThat(seen).filteredOn(u -> u.startsWith("/api/v1/forms/")).containsExactly("/api/v1/forms/digital-literacy");
            assertThat(seen).anyMatch(u -> u.startsWith("/vendor/chart.umd.js?v="));

            assertThat(page.locator("#scroll-hint")).isVisible();
            assertThat(page.locator("#table-wrap")).hasAttribute("tabindex", "0");
            @SuppressWarnings("unchecked")
            List<String> small = (List<String>) page.evaluate("""
                    () => [...document.querySelectorAll('#province-table th button, #lang-toggle')]
                      .map((b) => b.getBoundingClientRect()).filter((r) => r.width < 44 || r.height < 44)
                      .map((r) => Math.round(r.width) + 'x' + Math.round(r.height))""");
            assertThat(small).as("buttons under 44 x 44").isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "dashboard-phone-km.png")).setFullPage(true));

            // a second indicator of the same form: its labels are not fetched again
            requests.clear();
            page.locator("#back-scorecard").click();
            page.locator("#scorecard [data-indicator='internet_use']").first().waitFor();
            String other = (String) page.evaluate("""
                    () => [...document.querySelectorAll('#scorecard [data-indicator]')].map((b) => b.dataset.indicator)
                      .find((id) => id !== 'internet_use')""");
            page.locator("#scorecard [data-indicator='" + other + "']").first().click();
            assertThat(page.locator("#indicator-title")).isVisible();
            page.locator("#province-table tbody tr").first().waitFor();
            assertThat(List.copyOf(requests)).noneMatch(u -> u.startsWith("/api/v1/forms/digital-literacy"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(Page page) {
        return (List<String>) page.locator("#province-table tbody tr").evaluateAll("rows => rows.map(r => r.dataset.key)");
    }
}
