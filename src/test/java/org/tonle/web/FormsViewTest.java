package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tonle.forms.Workbooks.row;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Workbooks;
import org.tonle.support.Chromium;
import org.tonle.support.TestServer;

/** An admin who publishes questionnaires from Excel, in the dashboard's forms view. */
class FormsViewTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static TestServer server;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("forms and versions listed; an XLSForm's problems shown at their cells; a corrected upload published")
    void formsView() throws Exception {
        try (BrowserContext context = Chromium.desktop("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/dashboard");
            page.locator("#dash-username").fill("admin");
            page.locator("#dash-password").fill(org.tonle.support.TestAccounts.ADMIN_PASSWORD);
            page.locator("#dash-login").click();
            page.locator("#forms-link").click();

            assertThat(page.locator("[data-form='digital-literacy']")).isVisible();
            page.locator("[data-form='digital-literacy'] summary").click();
            assertThat(page.locator("[data-versions='digital-literacy'] li[data-version='2026-11-29']")).isVisible();
            Download download = page.waitForDownload(() ->
                    page.locator("[data-versions='digital-literacy'] li[data-version='2026-11-29'] button").click());
            assertThat(Files.readAllBytes(download.path())).startsWith('P', 'K');

            byte[] withGeopoint = Workbooks.create()
                    .sheet("survey", List.of(
                            List.of("type", "name", "label::English (en)", "label::Khmer (km)"),
                            row("text", "shop", "Shop name", "ឈ្មោះហាង"),
                            row("geopoint", "where", "Where is the shop?", "តើហាងនៅឯណា?")))
                    .sheet("settings", List.of(List.of("form_id", "version", "form_title::English (en)", "form_title::Khmer (km)"),
                            List.of("market-survey", "1", "Market survey", "ការស្ទង់មតិទីផ្សារ")))
                    .bytes();
            page.locator("#file-new-form").setInputFiles(new FilePayload("market-survey.xlsx", XLSX, withGeopoint));
            page.locator("#upload-new-form").click();
            assertThat(page.locator("[data-draft='market-survey'] table.problems tr[data-cell='survey!A3']")).isVisible();
            assertThat(page.locator("[data-draft='market-survey'] tr[data-cell='survey!A3']")).containsText("survey");
            assertThat(page.locator("[data-draft='market-survey'] tr[data-cell='survey!A3']")).containsText("geopoint");
            assertThat(page.locator("#publish-market-survey")).isDisabled();
            Files.createDirectories(Path.of("target", "screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "forms-problems-km.png")).setFullPage(true));

            // the designer fixes the workbook and uploads it again as the same form's draft
            page.reload();
            page.locator("#file-draft-market-survey").setInputFiles(new FilePayload("market-survey.xlsx", XLSX,
                    Workbooks.marketSurvey("1").bytes()));
            page.locator("#upload-draft-market-survey").click();
            assertThat(page.locator("[data-draft='market-survey'] .draft-valid")).isVisible();
            assertThat(page.locator("#publish-market-survey")).isEnabled();
            page.locator("#publish-market-survey").click();
            assertThat(page.locator("#forms-message")).containsText("market-survey");
            assertThat(page.locator("[data-form='market-survey']")).containsText("ការស្ទង់មតិទីផ្សារ");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "forms-published-km.png")).setFullPage(true));
        }
    }
}
