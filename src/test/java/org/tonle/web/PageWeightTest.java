package org.tonle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.LoadState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.polls.SamplePolls;
import org.tonle.support.Chromium;
import org.tonle.support.TestServer;

/**
 * What a phone downloads on a first visit, as Chromium counts it (compressed bodies plus headers),
 * service-worker precaching included: the enumerator app under 150 KB, a poll page under 60 KB, the
 * dashboard's log-in under 30 KB (Chart.js, 70 KB, comes only with the first chart).
 */
class PageWeightTest {

    private static final long APP_BUDGET = 150 * 1024;
    private static final long POLL_BUDGET = 60 * 1024;
    private static final long DASHBOARD_BUDGET = 30 * 1024;

    private static long firstLoad(String base, String path, String readySelector) {
        try (BrowserContext context = Chromium.phone(base)) {
            List<Request> finished = Collections.synchronizedList(new ArrayList<>());
            context.onRequestFinished(finished::add);
            Page page = context.newPage();
            page.navigate(path);
            page.locator(readySelector).waitFor();
            page.waitForLoadState(LoadState.NETWORKIDLE);
            long bytes = 0;
            List<String> urls = new ArrayList<>();
            synchronized (finished) {
                for (Request r : finished) {
                    var sizes = r.sizes();
                    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
                    urls.add(r.url() + " " + (sizes.responseBodySize + sizes.responseHeadersSize));
                }
            }
            System.out.printf("first load of %s: %d requests, %.1f KB%n  %s%n", path, urls.size(), bytes / 1024.0,
                    String.join("\n  ", urls));
            return bytes;
        }
    }

    @Test
    @DisplayName("first load: the enumerator app (with its offline copy) under 150 KB, a poll page under 60 KB, the dashboard's log-in under 30 KB, compressed")
    void budgets() {
        Chromium.browser();
        try (TestServer server = TestServer.start()) {
            String base = "http://127.0.0.1:" + server.port();
            long app = firstLoad(base, "/", "html[data-offline-ready='true']");
            String code = TestServer.await(server.as("weigher", "organizer").post("/api/v1/polls").sendJsonObject(SamplePolls.appPoll()))
                    .bodyAsJsonObject().getString("code");
            long poll = firstLoad(base, "/p/" + code, "#poll-submit");
            long dashboard = firstLoad(base, "/dashboard", "#dash-login");
            assertThat(app).as("bytes for /").isPositive().isLessThan(APP_BUDGET);
            assertThat(poll).as("bytes for a poll page").isPositive().isLessThan(POLL_BUDGET);
            assertThat(dashboard).as("bytes for the dashboard's log-in").isPositive().isLessThan(DASHBOARD_BUDGET);
        }
    }
}
