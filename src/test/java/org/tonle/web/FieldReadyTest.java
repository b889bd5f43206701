package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.i18n.Khmer;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Chromium;
import org.tonle.support.TestServer;

/**
 * The enumerator app as the field audit used it: a 360 × 800 phone in Khmer, with a keyboard or a
 * screen reader in mind. What it checks is what a person notices: where focus lands, what is
 * announced, what is required, how long a screen is, whether the count goes backwards.
 */
class FieldReadyTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern KHMER_PROGRESS = Pattern.compile("^[០-៩]+ នៃ [០-៩]+$");
    private static TestServer server;
    private static String base;

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        server.as("dara", "enumerator", "digital-literacy");
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Page newInterview(BrowserContext context) {
        Page page = SmallPhone.logIn(context, "dara", "digital-literacy");
        page.locator("[data-form-id='digital-literacy']").click();
        page.locator("[data-question='sex']").waitFor();
        return page;
    }

    @Test
    @DisplayName("after Next, focus is on the new question's heading and 'question 2 of n' is announced; a missing answer is announced once")
    void focusAfterNext() {
        try (BrowserContext context = SmallPhone.open(base)) {
            Page page = newInterview(context);
            page.locator("[data-question='sex'] input[value='female']").check();
            page.locator("#next").click();

            Locator heading = page.locator("#screen-heading");
            assertThat(heading).containsText("តើអ្នកមានអាយុប៉ុន្មានឆ្នាំគត់?");
            assertThat(heading).isFocused();
            assertThat(page.locator("#announce")).hasText(Pattern.compile("^សំណួរទី ២ នៃ [០-៩]+$"));
            assertThat((String) page.evaluate("document.activeElement.tagName")).isEqualTo("H1");

            page.locator("#next").click();
            assertThat(page.locator("#q-age")).isFocused();
            assertThat(page.locator("#announce")).hasText("ចម្លើយនេះត្រូវកែតម្រូវ៖ សំណួរនេះត្រូវតែឆ្លើយ។");
            assertThat(page.locator("[data-question='age'] .field-error")).isVisible();
            assertThat(page.locator("#view [role='alert']")).hasCount(0);

            page.locator("#q-age").fill("៣៤");
            page.locator("#back").click();
            assertThat(page.locator("#screen-heading")).containsText("តើអ្នកជាភេទអ្វី?");
            assertThat(page.locator("#screen-heading")).isFocused();
            assertThat(page.locator("#announce")).hasText(Pattern.compile("^សំណួរទី ១ នៃ [០-៩]+$"));
        }
    }

    @Test
    @DisplayName("required questions say so to assistive technology; Next on the unanswered disability screen marks every choice of every question invalid and speaks once")
    void requiredAndInvalid() {
        try (BrowserContext context = SmallPhone.open(base)) {
            Page page = newInterview(context);
            CDPSession cdp = context.newCDPSession(page);
            // required is a state of the group (ARIA has none for a radio), and nothing is invalid before Next
            assertThat(axNodes(cdp, "radio")).hasSize(2).allSatisfy(r -> assertThat(property(r, "invalid")).as(name(r)).isIn(null, "false"));
            assertThat(axNodes(cdp, "radiogroup")).singleElement().satisfies(g -> {
                assertThat(name(g)).startsWith("តើអ្នកជាភេទអ្វី?");
                assertThat(property(g, "required")).isEqualTo("true");
            });

            page.locator("[data-question='sex'] input[value='male']").check();
            page.locator("#next").click();
            assertThat(axNodes(cdp, "textbox")).singleElement().satisfies(box -> assertThat(property(box, "required")).isEqualTo("true"));
            page.locator("#q-age").fill("40");
            page.locator("#next").click();
            page.locator("[data-question='province'] input[value='12']").check();
            page.locator("#next").click();
            page.locator("[data-question='area'] input[value='rural']").check();
            page.locator("#next").click();
            // the village code is optional: an enumerator without the sampling frame to hand goes on
            assertThat(page.locator("#screen-heading")).hasText("លេខកូដភូមិ");
            assertThat(axNodes(cdp, "textbox")).singleElement().satisfies(box -> assertThat(property(box, "required")).isIn(null, "false"));
            page.locator("#next").click();

            assertThat(page.locator("#screen-heading")).hasText("ការលំបាកក្នុងសកម្មភាពប្រចាំថ្ងៃ");
            assertThat(page.locator("#screen-heading")).isFocused();
            long height = ((Number) page.evaluate("document.documentElement.scrollHeight")).longValue();
            System.out.printf("disability screen at 360 x 800: %d px%n", height);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-group-km.png")).setFullPage(true));
            assertThat(height).as("the disability screen's height (2,573 px before two answers to a row)").isLessThan(1900);

            page.locator("#next").click();
            assertThat(page.locator("#announce")).hasText(Pattern.compile("^ចម្លើយ ៦ ត្រូវកែតម្រូវ។ ទីមួយ៖ សំណួរនេះត្រូវតែឆ្លើយ។$"));
            assertThat(page.locator("[data-question='wg_seeing'] input").first()).isFocused();
            assertThat(page.locator("#view [role='alert']")).hasCount(0);
            Locator choices = page.locator("[data-question^='wg_'] input[type='radio']");
            assertThat(choices).hasCount(24);
            for (int i = 0; i < 24; i++) {
                assertThat(choices.nth(i)).hasAttribute("aria-invalid", "true");
            }
            assertThat(axNodes(cdp, "radio")).hasSize(24).allSatisfy(r -> assertThat(property(r, "invalid")).as(name(r)).isEqualTo("true"));
            assertThat(axNodes(cdp, "radiogroup")).hasSize(6).allSatisfy(g -> assertThat(property(g, "required")).as(name(g)).isEqualTo("true"));
        }
    }

    @Test
    @DisplayName("a whole interview: progress in Khmer digits that never goes back, 44-pixel targets, Back on one line, and a review answer that opens its question")
    void progressTargetsAndReview() {
        Map<String, Object> person = new java.util.LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        person.put("age", "២៧");
        try (BrowserContext context = SmallPhone.open(base)) {
            Page page = newInterview(context);
            List<Integer> positions = new ArrayList<>();
            List<String> totals = new ArrayList<>();
            for (int screen = 0; screen < 40 && page.locator("#next").isVisible(); screen++) {
                String progress = page.locator("#progress-text").innerText();
                assertThat(progress).matches(KHMER_PROGRESS);
                positions.add(((Number) page.locator("#progress").evaluate("p => p.value")).intValue());
                totals.add(progress.substring(progress.indexOf("នៃ")));
                assertTargets(page);
                Locator blocks = page.locator("[data-question]:visible");
                for (int i = 0; i < blocks.count(); i++) {
                    Locator block = blocks.nth(i);
                    if (block.locator("input, textarea").count() > 0 && person.containsKey(block.getAttribute("data-question"))) {
                        FormFiller.answer(block, person.get(block.getAttribute("data-question")));
                    }
                }
                page.locator("#next").click();
                page.locator("#submit, #next").first().waitFor();
            }
            assertThat(page.locator("#submit")).isVisible();
            assertThat(positions).isSorted().doesNotHaveDuplicates();
            assertThat(totals).containsOnly(totals.get(0));
            assertTargets(page);
            long height = ((Number) page.evaluate("document.documentElement.scrollHeight")).longValue();
            System.out.printf("review screen at 360 x 800: %d px%n", height);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-review-km.png")).setFullPage(true));

            // the first answer is wrong: one tap on it, one change, one tap back to the review
            page.locator("[data-edit='sex']").click();
            assertThat(page.locator("#screen-heading")).containsText("តើអ្នកជាភេទអ្វី?");
            assertThat(page.locator("#screen-heading")).isFocused();
            page.locator("[data-question='sex'] input[value='male']").check();
            page.locator("#to-review").click();
            assertThat(page.locator("[data-edit='sex'] .review-a")).hasText("ប្រុស");
            assertThat(page.locator("#screen-heading")).isFocused();
            assertThat(page.locator("[data-edit='age'] .review-a")).hasText("២៧");
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "sent");
        }
    }

    @Test
    @DisplayName("'sent' and 'saved on this phone' look different (icon, colour, words), the count waiting stays in view until it is zero, and dates are Khmer")
    void savedIsNotSent() {
        Map<String, Object> person = new java.util.LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        try (BrowserContext context = SmallPhone.open(base)) {
            Page page = newInterview(context);
            assertThat(page.locator("html")).hasAttribute("data-persisted", Pattern.compile("true|false"));
            person.put("age", "៦១");
            FormFiller.fill(page, person);
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "sent");
            assertThat(page.locator("#result h1")).hasText("បានផ្ញើទៅម៉ាស៊ីនមេ");
            assertThat(page.locator("#pending-banner")).isHidden();
            String sentColour = colour(page.locator("#result h1"));
            String sentIcon = page.locator("#result svg path").getAttribute("d");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-sent-km.png")));

            context.setOffline(true);
            page.locator("#new-interview").click();
            person.put("age", "៦២");
            FormFiller.fill(page, person);
            page.locator("#submit").click();
            assertThat(page.locator("#result")).hasAttribute("data-result", "queued");
            assertThat(page.locator("#result h1")).hasText("មិនទាន់ផ្ញើទេ៖ រក្សាទុកតែនៅលើទូរស័ព្ទនេះ");
            assertThat(page.locator("#done-pending")).hasText("១ រក្សាទុកនៅលើទូរស័ព្ទ មិនទាន់ផ្ញើ");
            assertThat(page.locator("#pending-banner")).isVisible();
            assertThat(page.locator("#pending-banner")).hasText("១ រក្សាទុកនៅលើទូរស័ព្ទ មិនទាន់ផ្ញើ");
            assertThat(colour(page.locator("#result h1"))).isNotEqualTo(sentColour);
            assertThat(page.locator("#result svg path").getAttribute("d")).isNotEqualTo(sentIcon);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-saved-km.png")));

            // an interview left half-way: its start is a Khmer date on the home screen
            page.locator("#new-interview").click();
            page.locator("[data-question='sex'] input[value='female']").check();
            page.locator("#save-close").click();
            String today = Khmer.date(LocalDate.now(ZoneId.of("Asia/Phnom_Penh")));
            Locator started = page.locator(".draft-item small").first();
            assertThat(started).containsText("ចាប់ផ្ដើម " + today + " ម៉ោង ");
            assertThat(started.innerText()).doesNotContainPattern("[0-9]");
            assertThat(page.locator("#sync")).hasAttribute("data-pending", "true");
            assertThat(page.locator("#pending-count")).hasText("១");

            context.setOffline(false);
            page.locator("#send-now").click();
            assertThat(page.locator("#pending-count")).hasText("០");
            assertThat(page.locator("#sync")).hasAttribute("data-pending", "false");
            if ("false".equals(page.locator("html").getAttribute("data-persisted"))) {
                assertThat(page.locator("#storage-warning")).isVisible();
            } else {
                assertThat(page.locator("#storage-warning")).hasCount(0);
            }
        }
    }

    private static String colour(Locator locator) {
        return (String) locator.evaluate("e => getComputedStyle(e).color");
    }

    /** Every visible button, choice and field is at least 44 × 44 pixels, and Back's label stays on one line. */
    private static void assertTargets(Page page) {
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('button, .choice, input:not([type=radio]):not([type=checkbox]), select, textarea')]
                  .filter((e) => e.offsetParent !== null)
                  .map((e) => [e, e.getBoundingClientRect()])
                  .filter(([e, r]) => r.width < 44 || r.height < 44)
                  .map(([e, r]) => (e.id || e.className || e.tagName) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""");
        assertThat(small).as("targets smaller than 44 x 44").isEmpty();
        Number backLines = (Number) page.evaluate("""
                () => { const r = document.createRange(); r.selectNodeContents(document.getElementById('back'));
                        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; }""");
        assertThat(backLines.intValue()).as("lines of the Back label").isEqualTo(1);
    }

    /** The accessibility tree's nodes of one role, as Chromium gives them to screen readers. */
    private static List<JsonObject> axNodes(CDPSession cdp, String role) {
        JsonArray nodes = cdp.send("Accessibility.getFullAXTree").getAsJsonArray("nodes");
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement e : nodes) {
            JsonObject node = e.getAsJsonObject();
            if (!node.get("ignored").getAsBoolean() && node.has("role") && role.equals(node.getAsJsonObject("role").get("value").getAsString())) {
                found.add(node);
            }
        }
        return found;
    }

    private static String name(JsonObject node) {
        return node.has("name") ? node.getAsJsonObject("name").get("value").getAsString() : "";
    }

    private static String property(JsonObject node, String property) {
        if (node.has("properties")) {
            for (JsonElement p : node.getAsJsonArray("properties")) {
                JsonObject o = p.getAsJsonObject();
                if (property.equals(o.get("name").getAsString())) {
                    return o.getAsJsonObject("value").get("value").getAsString();
                }
            }
        }
        return null;
    }
}
