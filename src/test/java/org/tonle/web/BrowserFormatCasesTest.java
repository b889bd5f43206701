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

/** The browser's Khmer numbers and dates (webroot/format.js) pass the same cases as the server's (org.tonle.i18n.Khmer). */
class BrowserFormatCasesTest {

    private static final String RUN = """
            async (cases) => {
              const f = await import('/format.js');
              const out = [];
              for (const [input, km] of cases.digits) out.push([input, f.khmerDigits(input), km]);
              for (const [input, km] of cases.numbers) out.push([input, f.khmerNumber(input), km]);
              for (const [input, km] of cases.dates) out.push([input, f.khmerDate(input), km]);
              for (const [input, km] of cases.dateTimes) out.push([input, f.formatDateTime(input, 'km'), km]);
              for (const m of cases.messages) out.push([m.template, f.fillKhmer(m.template, m.params), m.km]);
              return out;
            }""";

    @Test
    @DisplayName("the browser writes every shared case of Khmer digits, numbers, dates and messages as the server does, with no Khmer data in Intl")
    @SuppressWarnings("unchecked")
    void sharedCases() throws Exception {
        Map<String, Object> cases;
        try (InputStream in = getClass().getResourceAsStream("/khmer-format-cases.json")) {
            cases = new ObjectMapper().readValue(in, Map.class);
        }
        Chromium.browser();
        try (TestServer server = TestServer.start();
                BrowserContext context = SmallPhone.open("http://127.0.0.1:" + server.port())) {
            Page page = context.newPage();
            page.navigate("/health");
            List<List<String>> results = (List<List<String>>) page.evaluate(RUN, cases);
            assertThat(results).hasSizeGreaterThan(30);
            assertThat(results).allSatisfy(r -> assertThat(r.get(1)).as(r.get(0)).isEqualTo(r.get(2)));
        }
    }
}
