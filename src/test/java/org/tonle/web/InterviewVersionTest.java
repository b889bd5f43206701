package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.FormChanges;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.TestServer;

/** A form changes while an enumerator has an interview half done: it is finished on the version it was started with. */
class InterviewVersionTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        server.as("sokha", "enumerator", "digital-literacy");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("an interview started on version 1 is finished and sent on version 1 after the phone downloads version 2")
    void unfinishedInterviewKeepsItsVersion() throws Exception {
        try (BrowserContext context = Chromium.phone("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/");
            page.locator("#username").fill("sokha");
            page.locator("#password").fill("password of sokha");
            page.locator("#login-button").click();
            page.locator("[data-form-id='digital-literacy']").click();
            Map<String, Object> person = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            person.put("age", 41);
            FormFiller.answer(page.locator("[data-question='sex']"), person.get("sex"));
            page.locator("#next").click();
            page.locator("[data-question='age']").waitFor();
            page.locator("#save-close").click();
            assertThat(page.locator(".draft-item")).hasCount(1);

            // meanwhile version 2 adds a required question
            assertThat(FormChanges.upload(server, "/api/v1/forms/digital-literacy/draft", "application/yaml",
                    FormChanges.secondVersion().getBytes()).statusCode()).isEqualTo(200);
            assertThat(server.post("/api/v1/forms/digital-literacy/draft/publish", new JsonObject()).statusCode()).isEqualTo(201);

            page.reload();
            assertThat(page.locator("[data-form-id='digital-literacy']")).containsText(FormChanges.V2);
            page.locator(".draft-item button.primary").click();
            List<String> shown = FormFiller.fill(page, person);
            assertThat(shown).doesNotContain("uses_email");
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "sent");

            JsonObject stored = server.get("/api/v1/forms/digital-literacy/submissions").bodyAsJsonObject()
                    .getJsonArray("submissions").getJsonObject(0);
            assertThat(stored.getString("formVersion")).isEqualTo(FormChanges.V1);
            assertThat(stored.getJsonObject("answers").getInteger("age")).isEqualTo(41);

            // a new interview is on version 2
            page.locator("#go-home").click();
            page.locator("[data-form-id='digital-literacy']").click();
            person.put("uses_email", "yes");
            assertThat(FormFiller.fill(page, person)).contains("uses_email");
        }
    }
}
