package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** An analyst takes the data to Excel and R from the dashboard, in Chromium. */
class ExportsViewTest {

    @Test
    @DisplayName("the dashboard's export view downloads a CSV with Khmer labels and choices in one column, a dated selection, the pack, and the indicator tables")
    void exportsFromTheDashboard() throws IOException {
        Chromium.browser();
        try (TestServer server = TestServer.start()) {
            server.as("sokha", "analyst");
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> a = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
                a.put("sex", i == 0 ? "male" : "female");
                batch.add(Submissions.body(a).put("formId", "digital-literacy").put("collectedAt", "2026-11-2" + (i + 1) + "T09:00:00+07:00"));
            }
            assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsString())
                    .doesNotContain("rejected");
            try (BrowserContext context = Chromium.desktop("http://127.0.0.1:" + server.port())) {
                Page page = context.newPage();
                page.navigate("/dashboard");
                page.locator("#dash-username").fill("sokha");
                page.locator("#dash-password").fill("password of sokha");
                page.locator("#dash-login").click();
                page.locator("#exports-link").click();
                var card = page.locator(".export-form[data-form='digital-literacy']");
                assertThat(card).isVisible();
                page.locator("#export-digital-literacy-lang").selectOption("km");
                page.locator("#export-digital-literacy-multiple").selectOption("joined");
                String csv = text(page.waitForDownload(() -> card.locator("a.export-csv").click()));
                assertThat(csv).startsWith("\uFEFFinstanceId,").contains("ស្រី").contains("ប្រុស").contains(",ict_skills,")
                        .doesNotContain("ict_skills/copy_paste");
                assertThat(csv.split("\r\n")).hasSize(4);

                page.locator("#export-digital-literacy-since").fill("2026-11-22");
                page.locator("#export-digital-literacy-until").fill("2026-11-23");
                assertThat(text(page.waitForDownload(() -> card.locator("a.export-csv").click())).split("\r\n")).hasSize(3);

                Download pack = page.waitForDownload(() -> card.locator("a.export-zip").click());
                assertThat(pack.suggestedFilename()).startsWith("digital-literacy_").endsWith(".zip");
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(pack.path()))) {
                    assertThat(zip.getNextEntry().getName()).isEqualTo("data.csv");
                }
                Download tables = page.waitForDownload(() -> page.locator("a.indicators-xlsx").click());
                assertThat(tables.suggestedFilename()).startsWith("indicators_").endsWith(".xlsx");
                assertThat(Files.readAllBytes(tables.path())).startsWith('P', 'K');
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "exports-km.png")).setFullPage(true));
            }
        }
    }

    private static String text(Download download) throws IOException {
        return new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8);
    }
}
