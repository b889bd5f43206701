package org.tonle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * Cleaning the data as a survey team does it: in the dashboard, an analyst rejecting one interview
 * and approving a province at once, a correction's before and after, the trash, and a supervisor
 * who sees only their team; on the enumerator's phone, the review of what was sent. Real Chromium
 * against the real server, in Khmer unless said otherwise.
 */
class ReviewScreensTest {

    private static final String FORM = "/api/v1/forms/digital-literacy";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static TestServer server;
    private static String base;
    private static WebClient lead;
    /** sokha (in the supervisor's team): 20 in Phnom Penh (12), 10 in Siem Reap (17); dara: 20 in Kandal (08). */
    private static final List<String> sokhaPhnomPenh = new ArrayList<>();
    private static final List<String> sokhaSiemReap = new ArrayList<>();
    private static final List<String> daraKandal = new ArrayList<>();

    @BeforeAll
    static void start() {
        Chromium.browser();
        server = TestServer.start();
        server.as("vanna", "analyst");
        WebClient sokha = server.as("sokha", "enumerator", "digital-literacy");
        WebClient dara = server.as("dara", "enumerator", "digital-literacy");
        lead = server.as("lead", "supervisor");
        JsonObject users = server.get("/api/v1/users").bodyAsJsonObject();
        server.patch("/api/v1/users/" + userId(users, "lead"), new JsonObject().put("team", new JsonArray().add(userId(users, "sokha"))));
        sokhaPhnomPenh.addAll(submit(sokha, "12", 20));
        sokhaSiemReap.addAll(submit(sokha, "17", 10));
        daraKandal.addAll(submit(dara, "08", 20));
        awaitCounted(50);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> submit(WebClient who, String province, int people) {
        JsonArray batch = new JsonArray();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            Map<String, Object> a = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            a.put("province", province);
            JsonObject body = Submissions.body(a).put("formId", "digital-literacy");
            ids.add(body.getString("instanceId"));
            batch.add(body);
        }
        JsonObject result = TestServer.await(who.post("/api/v1/submissions/batch").sendJsonObject(new JsonObject().put("submissions", batch)))
                .bodyAsJsonObject();
        assertThat(result.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status"))).containsOnly("accepted");
        return ids;
    }

    private static long counted() {
        return server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L);
    }

    private static void awaitCounted(long n) {
        Eventually.await(n + " counted", 20_000, () -> counted() == n);
    }

    private static Page logIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate("/dashboard");
        page.locator("#dash-username").fill(username);
        page.locator("#dash-password").fill("password of " + username);
        page.locator("#dash-login").click();
        return page;
    }

    /** The list of the digital-literacy questionnaire (a new browser starts on the first questionnaire, children's). */
    private static void openList(Page page) {
        page.locator("#f-form").selectOption("digital-literacy");
        page.locator("#f-show").click();
        page.locator("#sub-table").waitFor();
    }

    private static void assertFocused(Page page, String selector) {
        page.waitForFunction("(s) => document.activeElement && document.activeElement.matches(s)", selector);
    }

    private static Locator row(Page page, String instanceId) {
        return page.locator("#sub-table tr[data-instance-id='" + instanceId + "']");
    }

    @Test
    @DisplayName("an analyst filters to Siem Reap, opens a submission, cannot reject it without a comment, rejects it with one: announced, the list and the score count follow")
    void rejectOne() {
        try (BrowserContext context = Chromium.desktop(base)) {
            Page page = logIn(context, "vanna");
            assertThat(page.locator("#scorecard [data-indicator='internet_use'] .meta").first()).containsText("n = ៥០");
            page.locator("#submissions-link").click();
            openList(page);

            page.locator("#f-province").selectOption("17");
            page.locator("#f-show").click();
            assertFocused(page, "#sub-results-title");
            assertThat(page.locator("#sub-table tbody tr")).hasCount(10);
            for (Locator r : page.locator("#sub-table tbody tr").all()) {
                assertThat(r).containsText("សៀមរាប");
            }
            String chosen = sokhaSiemReap.get(3);
            row(page, chosen).locator("a").click();
            assertFocused(page, "#submission-title");
            assertThat(page.locator("#answers-table tr[data-field='province'] td")).hasText("សៀមរាប");
            assertThat(page.locator("#answers-table tr[data-field='province'] th")).hasText("តើអ្នករស់នៅខេត្តណា?");
            assertThat(page.locator("#review-state-value")).hasText("បានទទួល");
            assertThat(page.locator("#review-counts")).containsText("វាត្រូវបានរាប់");

            // no comment: stopped here, the field says why and has the focus
            page.locator("#reject").click();
            assertThat(page.locator("#review-comment-error")).isVisible();
            assertThat(page.locator("#review-comment")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#review-comment")).hasAttribute("aria-describedby", Pattern.compile("review-comment-error"));
            assertFocused(page, "#review-comment");
            assertThat(server.get(FORM + "/submissions/" + chosen).bodyAsJsonObject().getJsonObject("review").getString("state"))
                    .isEqualTo("received");

            page.locator("#review-comment").fill("អាយុមិនត្រូវនឹងអត្តសញ្ញាណប័ណ្ណ");
            page.locator("#reject").click();
            assertThat(page.locator("#status")).containsText("បានបដិសេធ");
            assertThat(page.locator("#status")).containsText("មិនត្រូវបានរាប់");
            assertFocused(page, "#review-state");
            assertThat(page.locator("#review-state-value")).hasText("បានបដិសេធ");
            assertThat(page.locator("#review-comment-shown")).hasText("អាយុមិនត្រូវនឹងអត្តសញ្ញាណប័ណ្ណ");
            assertThat(page.locator("#review-by")).containsText("vanna");
            assertThat(page.locator("#review-comment-error")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-rejected-km.png")).setFullPage(true));

            page.locator("#back-to-list").click();
            assertThat(row(page, chosen)).hasAttribute("data-state", "rejected");
            assertThat(row(page, chosen).locator(".state")).hasText("បានបដិសេធ");
            assertFocused(page, "#sub-table tr[data-instance-id='" + chosen + "'] a");
            assertThat(page.locator("#f-province")).hasValue("17");

            awaitCounted(49);
            page.locator("#scorecard-link").click();
            assertThat(page.locator("#scorecard [data-indicator='internet_use'] .meta").first()).containsText("n = ៤៩");

            // back to received, for the other tests
            server.patch(FORM + "/submissions/" + chosen, new JsonObject().put("review", new JsonObject().put("state", "received")));
            awaitCounted(50);
        }
    }

    @Test
    @DisplayName("bulk approve of the filtered set: a page at a time, the count asked for and confirmed, then reported, and the list follows")
    void bulkApprove() {
        try (BrowserContext context = Chromium.desktop(base)) {
            Page page = logIn(context, "vanna");
            page.locator("#submissions-link").click();
            openList(page);
            page.locator("#f-province").selectOption("12");
            page.locator("#f-state").selectOption("received");
            page.locator("#f-show").click();
            assertThat(page.locator("#sub-table tbody tr")).hasCount(20);
            assertThat(page.locator("#bulk-scope")).containsText("ភ្នំពេញ");

            // rejecting them all needs a comment too
            page.locator("#bulk-state").selectOption("rejected");
            page.locator("#bulk-preview").click();
            assertThat(page.locator("#bulk-error")).isVisible();
            assertFocused(page, "#bulk-comment");

            page.locator("#bulk-state").selectOption("approved");
            page.locator("#bulk-comment").fill("ផ្ទៀងផ្ទាត់តាមទូរស័ព្ទ");
            page.locator("#bulk-preview").click();
            assertFocused(page, "#bulk-confirm-title");
            assertThat(page.locator("#bulk-confirm-text")).containsText("២០");
            assertThat(page.locator("#bulk-confirm-yes")).containsText("២០");
            assertThat(server.get(FORM + "/submissions?state=approved").bodyAsJsonObject().getJsonArray("submissions"))
                    .as("nothing changed before the confirmation").isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-bulk-confirm-km.png")).setFullPage(true));

            page.locator("#bulk-confirm-yes").click();
            assertThat(page.locator("#sub-message")).containsText("២០");
            assertFocused(page, "#sub-message");
            assertThat(page.locator("#status")).containsText("២០");
            assertThat(page.locator("#sub-none")).isVisible();
            assertThat(server.get(FORM + "/submissions?state=approved&limit=1000").bodyAsJsonObject().getJsonArray("submissions"))
                    .hasSize(20);

            // the approved ones, a page of 25 at a time
            page.locator("#f-state").selectOption("approved");
            page.locator("#f-province").selectOption("");
            page.locator("#f-show").click();
            assertThat(page.locator("#sub-table tbody tr")).hasCount(20);
            assertThat(page.locator("#next-page")).isDisabled();
            page.locator("#f-state").selectOption("");
            page.locator("#f-show").click();
            assertThat(page.locator("#sub-table tbody tr")).hasCount(25);
            page.locator("#next-page").click();
            assertThat(page.locator("#sub-results-title")).containsText("ទំព័រ ២");
            assertThat(page.locator("#sub-table tbody tr")).hasCount(25);
            assertFocused(page, "#sub-results-title");
            page.locator("#prev-page").click();
            assertThat(page.locator("#sub-results-title")).containsText("ទំព័រ ១");

            server.post(FORM + "/submissions/review", new JsonObject().put("filter", new JsonObject().put("state", "approved"))
                    .put("state", "received"));
        }
    }

    @Test
    @DisplayName("a corrected answer: the version history shows it before and after, in the language chosen, and the answer is marked corrected")
    void versionHistory() {
        String corrected = daraKandal.get(0);
        Map<String, Object> answers = new LinkedHashMap<>(SampleAnswers.digitalLiteracy());
        answers.put("province", "08");
        answers.put("internet_use", "no");
        answers.remove("internet_frequency");
        answers.put("no_internet_reasons", List.of("device_cost"));
        assertThat(server.post(FORM + "/submissions/" + corrected + "/versions", new JsonObject().put("answers", new JsonObject(answers))
                .put("comment", "the respondent misheard the question")).statusCode()).isEqualTo(201);
        try (BrowserContext context = Chromium.desktop(base)) {
            Page page = logIn(context, "vanna");
            page.locator("#scorecard").waitFor();
            page.evaluate("(h) => { location.hash = h; }", "#/submissions/digital-literacy/" + corrected);
            assertFocused(page, "#submission-title");
            Locator latest = page.locator("#versions li[data-version='2']");
            assertThat(latest).containsText("(បច្ចុប្បន្ន)");
            assertThat(latest).containsText("the respondent misheard the question");
            assertThat(latest.locator("tr[data-field='internet_use'] del")).hasText("បាទ/ចាស");
            assertThat(latest.locator("tr[data-field='internet_use'] ins")).hasText("ទេ");
            assertThat(page.locator("#versions li[data-version='1']")).containsText("ដូចដែលបានទទួល");
            assertThat(page.locator("#answers-table tr[data-field='internet_use']")).hasClass(Pattern.compile("corrected"));

            List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
            page.onRequest(r -> requests.add(r.url()));
            page.locator("#lang-toggle").click();
            assertThat(latest.locator("tr[data-field='internet_use'] del")).hasText("Yes");
            assertThat(latest.locator("tr[data-field='internet_use'] ins")).hasText("No");
            assertThat(latest.locator("tr[data-field='internet_use'] th")).containsText("have you used the Internet");
            assertThat(page.locator("#answers-table tr[data-field='internet_use'] .corrected-note")).hasText("corrected in version 2");
            assertThat(List.copyOf(requests)).as("a language switch fetches nothing").noneMatch(u -> u.contains("/api/"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-versions-en.png")).setFullPage(true));
        }
    }

    @Test
    @DisplayName("the trash: a submission moved there leaves the list, is listed with who deleted it, and Restore puts it back")
    void trashAndRestore() {
        String gone = daraKandal.get(5);
        try (BrowserContext context = Chromium.desktop(base)) {
            Page page = logIn(context, "vanna");
            page.locator("#scorecard").waitFor();
            page.evaluate("(h) => { location.hash = h; }", "#/submissions/digital-literacy/" + gone);
            page.locator("#trash-button").click();
            assertFocused(page, "#trash-confirm-text");
            page.locator("#trash-yes").click();
            assertThat(page.locator("#sub-message")).containsText("ធុងសំរាម");
            assertFocused(page, "#sub-message");
            assertThat(row(page, gone)).hasCount(0);
            awaitCounted(49);

            // a bulk move to the trash says how many first; cancelled, nothing moves
            page.locator("#f-province").selectOption("08");
            page.locator("#f-show").click();
            page.locator("#bulk-delete-preview").click();
            assertThat(page.locator("#bulk-confirm-text")).containsText("១៩");
            page.locator("#bulk-cancel").click();
            assertFocused(page, "#sub-message");
            assertThat(page.locator("#sub-table tbody tr")).hasCount(19);

            page.locator("#trash-link").click();
            Locator trashed = page.locator("#trash-table tr[data-instance-id='" + gone + "']");
            assertThat(trashed).containsText("vanna");
            assertThat(trashed).containsText("dara");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-trash-km.png")).setFullPage(true));
            trashed.locator("button.restore").click();
            assertThat(page.locator("#trash-message")).containsText("ស្ដារ");
            assertThat(page.locator("#status")).containsText("ស្ដារ");
            assertThat(trashed).hasCount(0);
            assertThat(page.locator("#trash-empty")).isVisible();
            awaitCounted(50);
            page.locator("#back-to-list").click();
            assertThat(row(page, gone)).hasCount(1);
        }
    }

    @Test
    @DisplayName("a supervisor logs in to the team's submissions: no scores, no trash, nobody else's submissions, even by asking for them")
    void supervisorSeesTheTeam() {
        try (BrowserContext context = Chromium.desktop(base)) {
            Page page = logIn(context, "lead");
            openList(page);
            assertThat(page.locator("#submissions-title")).isVisible();
            assertThat(page.locator("#scorecard-link")).hasCount(0);
            assertThat(page.locator("#trash-link")).hasCount(0);
            assertThat(page.locator("#bulk-delete-preview")).hasCount(0);
            assertThat(page.locator("#f-submitter option")).hasText(new String[] {"គ្រប់គ្នា", "sokha"});
            page.locator("#next-page").click();
            assertThat(page.locator("#sub-results-title")).containsText("ទំព័រ ២");
            List<String> seen = new ArrayList<>();
            page.locator("#prev-page").click();
            assertThat(page.locator("#sub-results-title")).containsText("ទំព័រ ១");
            seen.addAll(rows(page));
            page.locator("#next-page").click();
            assertThat(page.locator("#sub-results-title")).containsText("ទំព័រ ២");
            seen.addAll(rows(page));
            List<String> team = new ArrayList<>(sokhaPhnomPenh);
            team.addAll(sokhaSiemReap);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(team);
            for (Locator r : page.locator("#sub-table tbody tr").all()) {
                assertThat(r.locator("td").nth(1)).hasText("sokha");
            }
            // dara's submission, asked for by its address, is not found
            page.evaluate("(h) => { location.hash = h; }", "#/submissions/digital-literacy/" + daraKandal.get(1));
            assertThat(page.locator("#submission-error")).isVisible();
            page.evaluate("() => { location.hash = '#/trash'; }");
            page.locator("#sub-table").waitFor();
            assertThat(page.locator("#trash-table")).hasCount(0);
        }
    }

    @Test
    @DisplayName("the enumerator's phone shows a rejection with the supervisor's comment; offline the last known states, then the change once online")
    void enumeratorSeesTheReview() {
        String reviewed = sokhaSiemReap.get(7);
        review(reviewed, "rejected", "សូមសួរម្ដងទៀតអំពីអាយុ");
        try (BrowserContext context = Chromium.phone(base)) {
            Page page = SmallPhone.logIn(context, "sokha", "digital-literacy");
            Locator item = page.locator("#follow-up li[data-instance-id='" + reviewed + "']");
            assertThat(item).hasAttribute("data-state", "rejected");
            assertThat(item.locator(".state")).hasText("បានបដិសេធ");
            assertThat(item.locator(".review-comment")).containsText("សូមសួរម្ដងទៀតអំពីអាយុ");
            assertThat(item.locator(".review-comment")).containsText("lead");
            assertThat(page.locator("#all-sent summary")).containsText("(៣០)");
            assertThat(page.locator("#all-sent li")).hasCount(30);
            assertThat(page.locator("#reviews-checked")).hasAttribute("data-offline", "false");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("enumerator-review-rejected-km.png")).setFullPage(true));

            // offline, after a reload: the last known states, said to be so
            page.locator("html[data-offline-ready='true']").waitFor();
            context.setOffline(true);
            page.reload();
            assertThat(page.locator("#reviews-checked")).hasAttribute("data-offline", "true");
            assertThat(item.locator(".review-comment")).containsText("សូមសួរម្ដងទៀតអំពីអាយុ");
            page.locator("#reviews-refresh").click();
            assertThat(page.locator("#status")).containsText("គ្មានការតភ្ជាប់");
            assertFocused(page, "#reviews-refresh");

            // the supervisor approves it meanwhile; the phone learns of it when the network returns
            review(reviewed, "approved", "បានសួរម្ដងទៀតហើយ");
            context.setOffline(false);
            assertThat(page.locator("#reviews-checked")).hasAttribute("data-offline", "false");
            assertThat(item).hasCount(0);
            assertThat(page.locator("#nothing-to-follow")).isVisible();
            page.locator("#all-sent summary").click();
            assertThat(page.locator("#all-sent li[data-instance-id='" + reviewed + "'] .state")).hasText("បានអនុម័ត");
        } finally {
            review(reviewed, "received", null);
            awaitCounted(50);
        }
    }

    private static void review(String instanceId, String state, String comment) {
        JsonObject body = new JsonObject().put("review", new JsonObject().put("state", state).put("comment", comment));
        assertThat(TestServer.await(lead.patch(FORM + "/submissions/" + instanceId).sendJsonObject(body)).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(Page page) {
        return (List<String>) page.locator("#sub-table tbody tr").evaluateAll("rows => rows.map(r => r.dataset.instanceId)");
    }

    private static String userId(JsonObject users, String username) {
        return users.getJsonArray("users").stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals(username))
                .findFirst().orElseThrow().getString("id");
    }
}
