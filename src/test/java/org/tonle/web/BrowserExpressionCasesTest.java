package org.tonle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Chromium;
import org.tonle.support.TestServer;

/**
 * The same expression cases as {@code ExpressionCasesTest}, run by the JavaScript evaluator the
 * phones use, in Chromium, as served by the server: the two evaluators cannot drift apart.
 */
class BrowserExpressionCasesTest {

    @Test
    @DisplayName("the browser evaluator gives every shared expression case its expected result")
    @SuppressWarnings("unchecked")
    void sharedCases() throws Exception {
        Map<String, Object> file;
        try (InputStream in = getClass().getResourceAsStream("/expression-cases.json")) {
            file = new ObjectMapper().readValue(in, Map.class);
        }
        List<Object> cases = (List<Object>) file.get("cases");
        Chromium.browser();
        try (TestServer server = TestServer.start();
                BrowserContext context = Chromium.desktop("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/health");
            List<Map<String, Object>> results = (List<Map<String, Object>>) page.evaluate(
                    "async (cases) => (await import('/expr.js')).runCases(cases)", cases);
            assertThat(results).hasSize(cases.size());
            assertThat(results).filteredOn(r -> !Boolean.TRUE.equals(r.get("ok")))
                    .as("cases the browser evaluates differently").isEmpty();
        }
    }
}
