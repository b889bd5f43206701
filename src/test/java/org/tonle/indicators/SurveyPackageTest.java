package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.RScript;
import org.tonle.support.TestServer;

/**
 * Every estimate of the digital-literacy indicators, national and by each breakdown, equals what
 * R's {@code survey} package computes from the same stored respondents with the form's design:
 * strata province × area, villages as PSUs of unequal sizes, a stratum with a single village,
 * respondents without a village (their own PSU), domains empty in some strata, random weights.
 * Value, SE, degrees of freedom and design effect to 1e-9, intervals to 1e-6. Calibrated estimates:
 * {@link CalibratedSurveyPackageTest}.
 */
class SurveyPackageTest {

    @Test
    @DisplayName("every digital-literacy estimate equals R's survey package with strata, clusters and a lonely PSU")
    void equalsR() throws Exception {
        RScript.assumeAvailable();
        Path dir = Files.createTempDirectory("tonle-survey");
        List<JsonObject> people = SurveyFixture.population(new Random(2026), 2400, false);
        try (TestServer server = TestServer.start()) {
            SurveyFixture.submit(server, people);
            List<Indicator> all = SurveyFixture.indicators();
            List<Indicator> individuals = all.stream().filter(i -> !i.perHousehold()).toList();
            List<Indicator> households = all.stream().filter(Indicator::perHousehold).toList();
            assertThat(households).extracting(Indicator::id).containsExactly("household_internet");
            List<JsonObject> stored = SurveyFixture.stored(server);
            Map<String, CSVRecord> r = new HashMap<>();
            SurveyFixture.estimateInR(dir.resolve("people"), "/r/survey-estimates.R", individuals, stored, false, r, List.of());
            SurveyFixture.estimateInR(dir.resolve("households"), "/r/survey-estimates.R", households, stored, true, r, List.of());
            SurveyFixture.Agreement agreement = new SurveyFixture.Agreement();
            for (Indicator i : all) {
                for (List<String> by : SurveyFixture.breakdowns(i)) {
                    JsonObject score = SurveyFixture.compare(server, i, by, "", r, 1e-9, agreement);
                    assertThat(score.getString("weights")).isEqualTo("design");
                }
            }
            System.out.println("SurveyPackageTest, design weights: " + agreement);
            assertThat(agreement.cells).as("published cells compared with R").isGreaterThan(1000);
        }
    }
}
