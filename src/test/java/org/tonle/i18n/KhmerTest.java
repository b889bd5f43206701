package org.tonle.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Khmer numbers and dates in the server's Khmer messages: the cases shared with the browser, and one over HTTP. */
class KhmerTest {

    private static Map<String, Object> cases;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        try (InputStream in = KhmerTest.class.getResourceAsStream("/khmer-format-cases.json")) {
            cases = new ObjectMapper().readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> pairs(String name) {
        return (List<List<String>>) cases.get(name);
    }

    @Test
    @DisplayName("digits, numbers, dates with Khmer month names and times on a 24-hour clock, as the shared cases say")
    void sharedCases() {
        pairs("digits").forEach(p -> assertThat(Khmer.digits(p.get(0))).as(p.get(0)).isEqualTo(p.get(1)));
        pairs("numbers").forEach(p -> assertThat(Khmer.number(p.get(0))).as(p.get(0)).isEqualTo(p.get(1)));
        pairs("dates").forEach(p -> assertThat(Khmer.date(java.time.LocalDate.parse(p.get(0)))).as(p.get(0)).isEqualTo(p.get(1)));
        pairs("dateTimes").forEach(p -> assertThat(Khmer.dateTime(OffsetDateTime.parse(p.get(0)))).as(p.get(0)).isEqualTo(p.get(1)));
    }

    @Test
    @DisplayName("a Khmer message shows numbers and dates in Khmer, and identifiers as they were given")
    @SuppressWarnings("unchecked")
    void sharedMessages() {
        for (Map<String, Object> c : (List<Map<String, Object>>) cases.get("messages")) {
            Map<String, String> params = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            assertThat(Khmer.fill((String) c.get("template"), params)).as((String) c.get("template")).isEqualTo(c.get("km"));
        }
    }

    @Test
    @DisplayName("a poll's opening time in a Khmer message is a Khmer date and time (UTC, as the message says)")
    void moment() {
        assertThat(Khmer.fill("វាបើកពី {opensAt} ដល់ {closesAt} (UTC)។",
                Map.of("opensAt", "2026-12-01T00:00:00Z", "closesAt", "2026-12-31T10:00:00+07:00")))
                .isEqualTo("វាបើកពី ១ ធ្នូ ២០២៦ ម៉ោង ០០:០០ ដល់ ៣១ ធ្នូ ២០២៦ ម៉ោង ០៣:០០ (UTC)។");
    }

    @Test
    @DisplayName("over HTTP, a refused weight is explained in Khmer with Khmer digits, and in English with Latin ones")
    void overHttp() {
        try (TestServer server = TestServer.start()) {
            JsonObject body = Submissions.body(SampleAnswers.digitalLiteracy()).put("weight", 0);
            JsonObject error = server.post("/api/v1/forms/digital-literacy/submissions", body).bodyAsJsonObject().getJsonObject("error");
            JsonObject message = error.getJsonArray("details").getJsonObject(0).getJsonObject("message");
            assertThat(message.getString("km")).isEqualTo("តម្លៃត្រូវតែធំជាង ០ និងមិនលើសពី ១០០០០០០។");
            assertThat(message.getString("en")).isEqualTo("The value must be greater than 0 and at most 1000000.");
        }
    }
}
