package org.tonle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Chromium;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/**
 * A phone that comes back after the server restarted (or reaches another process behind the load
 * balancer) downloads nothing again: files keep their content-derived names and entity tags.
 */
class StaticCachingTest {

    /** A port free now, so that the restarted server is at the same address and the browser's cache applies. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("after a restart the page is a 304, every file keeps its name and entity tag, and a file asked for by its tag is a 304")
    void cachesSurviveARestart() {
        Chromium.browser();
        try (TestServer server = TestServer.start(Map.of("TONLE_PORT", String.valueOf(freePort())))) {
            String base = "http://127.0.0.1:" + server.port();
            // no service worker here: this is the browser's own HTTP cache, as on a page the worker does not keep
            try (BrowserContext context = Chromium.browser().newContext(SmallPhone.options(base).setServiceWorkers(ServiceWorkerPolicy.BLOCK))) {
                Page page = context.newPage();
                List<Response> responses = Collections.synchronizedList(new ArrayList<>());
                page.onResponse(responses::add);
                page.navigate("/");
                page.locator("#login-button").waitFor();
                String app = page.locator("script[type=module]").getAttribute("src");
                String style = page.locator("link[rel=stylesheet]").getAttribute("href");
                assertThat(app).matches("/app\\.js\\?v=[A-Za-z0-9_-]{16}");
                Response appResponse = find(responses, app);
                assertThat(appResponse.status()).isEqualTo(200);
                assertThat(appResponse.headerValue("cache-control")).isEqualTo("public, max-age=31536000, immutable");
                String appTag = appResponse.headerValue("etag");
                String pageTag = find(responses, "/").headerValue("etag");
                assertThat(find(responses, "/").headerValue("cache-control")).isEqualTo("no-cache");

                // what really crossed the wire: Chromium shows a revalidated page as its cached 200, the raw answer was a 304
                CDPSession cdp = context.newCDPSession(page);
                cdp.send("Network.enable");
                List<JsonObject> wire = Collections.synchronizedList(new ArrayList<>());
                cdp.on("Network.responseReceivedExtraInfo", wire::add);

                server.restart();
                assertThat(server.port()).as("the same address after the restart").isEqualTo(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
                page.reload();
                page.locator("#login-button").waitFor();
                Eventually.await("the page's revalidation", 10_000, () -> !wire.isEmpty());
                synchronized (wire) {
                    assertThat(wire).as("answers from the server after the restart: the page, revalidated; no file again")
                            .allSatisfy(r -> assertThat(r.get("statusCode").getAsInt()).isEqualTo(304))
                            .anySatisfy(r -> assertThat(header(r, "etag")).isEqualTo(pageTag));
                }
                assertThat(page.locator("script[type=module]").getAttribute("src")).isEqualTo(app);
                assertThat(page.locator("link[rel=stylesheet]").getAttribute("href")).isEqualTo(style);
                Object status = page.evaluate("async (tag) => (await fetch('/app.js', { headers: { 'If-None-Match': tag } })).status", appTag);
                assertThat(status).as("app.js asked for by its tag from before the restart").isEqualTo(304);
            }
        }
    }

    private static String header(JsonObject extraInfo, String name) {
        JsonObject headers = extraInfo.getAsJsonObject("headers");
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return headers.get(key).getAsString();
            }
        }
        return null;
    }

    private static Response find(List<Response> responses, String path) {
        synchronized (responses) {
            return responses.stream().filter(r -> r.url().endsWith(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("no response for " + path));
        }
    }
}
