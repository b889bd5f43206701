package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/** The enumerator's phone: real Chromium against the real server, online and offline. */
class EnumeratorClientTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static TestServer server;
    private static String base;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        server.as("sokha", "enumerator", "digital-literacy");
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Page logIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate("/");
        page.locator("#username").fill("sokha");
        page.locator("#password").fill("password of sokha");
        page.locator("#login-button").click();
        page.locator("[data-form-id='digital-literacy']").waitFor();
        return page;
    }

    /** A person who does not use the Internet, typing the age in Khmer digits. */
    private static Map<String, Object> offlinePerson(String khmerAge) {
        Map<String, Object> a = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        a.put("age", khmerAge);
        a.put("internet_use", "no");
        a.remove("internet_frequency");
        a.put("no_internet_reasons", List.of("no_device", "dont_know_how"));
        return a;
    }

    private static List<JsonObject> stored() {
        JsonArray items = server.get("/api/v1/forms/digital-literacy/submissions?limit=1000").bodyAsJsonObject().getJsonArray("submissions");
        List<JsonObject> list = new ArrayList<>();
        items.forEach(i -> list.add((JsonObject) i));
        return list;
    }

    @Test
    @DisplayName("in Khmer by default: log in, skip logic, a constraint error in Khmer, Khmer digits, submit online, stored once")
    void onlineInterview() {
        try (BrowserContext context = Chromium.phone(base)) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(page.locator("html")).hasAttribute("lang", "km");
            assertThat(page.locator("#login-button")).hasText("ចូល");
            page.locator("#username").fill("sokha");
            page.locator("#password").fill("password of sokha");
            page.locator("#login-button").click();
            page.locator("[data-form-id='digital-literacy']").click();

            // the first screens: a child's age breaks the questionnaire's constraint, shown in Khmer
            Map<String, Object> person = offlinePerson("៣៤");
            for (String name : List.of("sex")) {
                FormFiller.answer(page.locator("[data-question='" + name + "']"), person.get(name));
            }
            page.locator("#next").click();
            page.locator("[data-question='age'] input").fill("៩");
            page.locator("#next").click();
            Locator error = page.locator("[data-question='age'] .field-error");
            assertThat(error).isVisible();
            assertThat(error.innerText()).containsPattern("[\\u1780-\\u17FF]").contains("១៥");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-form-km.png")).setFullPage(true));

            // corrected on the same screen, the interview goes on
            List<String> shown = FormFiller.fill(page, person);
            assertThat(shown).contains("no_internet_reasons").doesNotContain("internet_frequency");
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "sent");

            // each test gives its people different ages: this interview is the only one aged 34
            List<JsonObject> mine = stored().stream().filter(s -> s.getJsonObject("answers").getInteger("age") == 34).toList();
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).getString("submittedBy")).isEqualTo("sokha");
            assertThat(mine.get(0).getJsonObject("answers").containsKey("internet_frequency")).isFalse();
        }
    }

    @Test
    @DisplayName("offline: two interviews are queued, survive a reload with no network, and are sent once when it returns")
    void offlineQueue() {
        try (BrowserContext context = Chromium.phone(base)) {
            Page page = logIn(context);
            page.locator("html[data-offline-ready='true']").waitFor();
            long before = stored().size();

            context.setOffline(true);
            List<String> names = List.of("៤០", "៥២");
            for (String age : names) {
                page.locator("#go-home, [data-form-id='digital-literacy']").first().click();
                if (page.locator("[data-form-id='digital-literacy']").isVisible()) {
                    page.locator("[data-form-id='digital-literacy']").click();
                }
                FormFiller.fill(page, offlinePerson(age));
                page.locator("#submit").click();
                assertThat(page.locator("#result")).hasAttribute("data-result", "queued");
            }
            page.locator("#go-home").click();
            assertThat(page.locator("#pending-count")).hasText("២");

            page.reload();
            assertThat(page.locator("#pending-count")).hasText("២");
            assertThat(page.locator("[data-form-id='digital-literacy']")).isVisible();
            assertThat(stored()).hasSize((int) before);

            context.setOffline(false);
            page.locator("#send-now").click();
            assertThat(page.locator("#pending-count")).hasText("០");
            Eventually.await("both stored", 5_000, () -> stored().size() == before + 2);
            page.locator("#send-now").click();
            page.reload();
            assertThat(page.locator("#pending-count")).hasText("០");
            List<Integer> ages = stored().stream().map(s -> s.getJsonObject("answers").getInteger("age")).toList();
            assertThat(ages).hasSize((int) before + 2).contains(40, 52);
        }
    }

    @Test
    @DisplayName("one tap switches to English, and the choice is remembered")
    void languageSwitch() {
        try (BrowserContext context = Chromium.phone(base)) {
            Page page = context.newPage();
            page.navigate("/");
            page.locator("#lang-toggle").click();
            assertThat(page.locator("#login-button")).hasText("Log in");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            page.reload();
            assertThat(page.locator("#login-button")).hasText("Log in");
        }
    }
}
