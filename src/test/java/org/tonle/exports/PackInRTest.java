package org.tonle.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.RScript;
import org.tonle.support.TestServer;

/**
 * The analysis pack reproduces Tonle's own scores in the tool analysts use: its analysis.R, run
 * as shipped with Debian's R and survey package, prints every indicator of the form, nationally and
 * by every breakdown, with the same value and SE as the server publishes, to 1e-9.
 */
class PackInRTest {

    @Test
    @DisplayName("analysis.R from the pack gives every published digital-literacy cell's value and SE to 1e-9")
    void sameAsTheServer() throws Exception {
        RScript.assumeAvailable();
        List<JsonObject> people = DesignedSample.people(new Random(14), 3000);
        try (TestServer server = TestServer.start()) {
            for (int from = 0; from < people.size(); from += 500) {
                JsonArray batch = new JsonArray(new ArrayList<>(people.subList(from, Math.min(people.size(), from + 500))));
                assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsString())
                        .doesNotContain("rejected");
            }
            Eventually.await("every respondent counted", 60_000, () -> server.get("/api/v1/indicators/disability_prevalence")
                    .bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L) == people.size());
            Path pack = Files.createTempDirectory("tonle-pack");
            ExportApiTest.unzipTo(server.get("/api/v1/forms/digital-literacy/export.zip").body().getBytes(), pack);
            String printed = RScript.file(pack.resolve("analysis.R"), List.of(pack.toString()));
            assertThat(printed).contains("published cells compared with indicators.csv");
            Map<String, CSVRecord> r = estimates(pack.resolve("estimates.csv"));
            int compared = 0;
            for (CSVRecord published : records(pack.resolve("indicators.csv"))) {
                if (published.get("suppressed").equals("true")) {
                    continue;
                }
                String key = published.get("value_2").isEmpty() ? published.get("value_1") : published.get("value_1") + "|" + published.get("value_2");
                String where = published.get("indicator") + "/" + published.get("breakdown") + "/" + key;
                CSVRecord mine = r.get(where);
                assertThat(mine).as("R estimated %s", where).isNotNull();
                close(where + " value", Double.parseDouble(mine.get("value")), Double.parseDouble(published.get("value")));
                close(where + " se", Double.parseDouble(mine.get("se")), Double.parseDouble(published.get("se")));
                assertThat(mine.get("df")).as(where + " df").isEqualTo(published.get("df"));
                compared++;
            }
            assertThat(compared).as("published cells compared").isGreaterThan(500);
            JsonObject national = server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate");
            close("internet_use from the API", Double.parseDouble(r.get("internet_use//").get("value")), national.getDouble("value"));
            close("household_internet SE from the API", Double.parseDouble(r.get("household_internet//").get("se")),
                    server.get("/api/v1/indicators/household_internet").bodyAsJsonObject().getJsonObject("estimate").getDouble("se"));
        }
    }

    private static Map<String, CSVRecord> estimates(Path file) throws Exception {
        Map<String, CSVRecord> byCell = new HashMap<>();
        for (CSVRecord row : records(file)) {
            byCell.put(row.get("indicator") + "/" + row.get("breakdown") + "/" + row.get("key"), row);
        }
        return byCell;
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static void close(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("%s: R %s, Tonle %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
    }
}
