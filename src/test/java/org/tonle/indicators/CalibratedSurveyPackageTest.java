package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.RScript;
import org.tonle.support.TestServer;

/**
 * Every digital-literacy estimate with calibrated weights equals R's: the sample of
 * {@link SurveyPackageTest} (strata, villages of unequal sizes, a lonely village, respondents without a
 * village, households whose members share the household's weight), post-stratified to totals by
 * province × sex × age group ({@code postStratify}) and raked to province × area and sex × age group
 * ({@code rake}); the household indicator post-stratified to households by province × area and raked
 * to households by province and by area. Value, SE and design effect to 1e-9, intervals to 1e-6,
 * degrees of freedom exactly, in every published cell of every breakdown (of every indicator
 * post-stratified; of {@link #RAKED} raked).
 */
class CalibratedSurveyPackageTest {

    private static final String SCRIPT = "/r/survey-calibrated.R";
    /**
     * Raked persons are compared on fewer indicators, to keep R's time down (2 minutes for all of
     * them): a share of everyone, one within phone owners with "don't know" left out, one with k = 10,
     * the ratio and the difference.
     */
    private static final java.util.Set<String> RAKED = java.util.Set.of("internet_use", "khmer_script_phone", "disability_prevalence",
            "gender_parity_internet_use", "internet_use_disability_gap");

    /** A target as uploaded, and its margins as R reads them. */
    private record Upload(String name, String method, boolean households, List<List<String>> margins, JsonObject body) {}

    @Test
    @DisplayName("post-stratified and raked estimates, of persons and of households, equal R's postStratify and rake")
    void equalsR() throws Exception {
        RScript.assumeAvailable();
        Path dir = Files.createTempDirectory("tonle-calibrated");
        List<JsonObject> people = SurveyFixture.population(new Random(2019), 2400, true);
        try (TestServer server = TestServer.start()) {
            SurveyFixture.submit(server, people);
            List<JsonObject> stored = SurveyFixture.stored(server);
            Random random = new Random(15);
            List<Upload> uploads = List.of(
                    upload("census-2019", false, List.of(List.of("province", "sex", "age_group")), stored, random),
                    upload("census-2019-margins", false, List.of(List.of("province", "area"), List.of("sex", "age_group")), stored, random),
                    upload("households-2019", true, List.of(List.of("province", "area")), stored, random),
                    upload("households-2019-margins", true, List.of(List.of("province"), List.of("area")), stored, random));
            for (Upload u : uploads) {
                assertThat(server.put("/api/v1/calibration/" + u.name(), u.body()).statusCode()).as(u.name()).isEqualTo(201);
            }
            List<Indicator> all = SurveyFixture.indicators();
            for (Upload u : uploads) {
                List<Indicator> indicators = all.stream().filter(i -> measured(i).perHousehold() == u.households())
                        .filter(i -> u.households() || u.method().equals("poststratify") || RAKED.contains(i.id())).toList();
                Path at = dir.resolve(u.name());
                Files.createDirectories(at);
                List<String> args = new ArrayList<>(List.of(u.method()));
                for (int m = 0; m < u.margins().size(); m++) {
                    JsonObject margin = u.body().containsKey("margins") ? u.body().getJsonArray("margins").getJsonObject(m) : u.body();
                    args.add(writeMargin(at.resolve("margin" + m + ".csv"), u.margins().get(m), margin));
                }
                Map<String, CSVRecord> r = new HashMap<>();
                SurveyFixture.estimateInR(at, SCRIPT, indicators, stored, u.households(), r, args);
                SurveyFixture.Agreement agreement = new SurveyFixture.Agreement();
                for (Indicator i : indicators) {
                    for (List<String> by : SurveyFixture.breakdowns(i)) {
                        JsonObject score = SurveyFixture.compare(server, i, by, "&weights=" + u.name(), r, 1e-9, agreement);
                        JsonObject weights = score.getJsonObject("weights");
                        assertThat(weights.getString("calibrated")).isEqualTo(u.name());
                        assertThat(weights.getString("method")).isEqualTo(u.method());
                        assertThat(weights.getBoolean("converged")).isTrue();
                        assertThat(score.getJsonObject("estimate").getJsonObject("weights").getString("calibrated")).isEqualTo(u.name());
                    }
                }
                System.out.println("CalibratedSurveyPackageTest, " + u.name() + " (" + u.method() + "): " + agreement);
                assertThat(agreement.cells).as("published cells compared with R").isGreaterThan(u.households() ? 10 : 200);
            }
            // everyone aged 15 and over is in internet_use: its calibrated population is the census total
            JsonObject national = server.get("/api/v1/indicators/internet_use?weights=census-2019").bodyAsJsonObject();
            double census = uploads.get(0).body().getJsonArray("cells").stream().mapToDouble(c -> ((JsonObject) c).getDouble("total")).sum();
            assertThat(national.getJsonObject("estimate").getDouble("weightedN")).isCloseTo(census,
                    org.assertj.core.api.Assertions.within(1e-6 * census));
        }
    }

    private static Indicator measured(Indicator i) {
        return i.kind().derived() ? SurveyFixture.CATALOG.get(i.comparison().of()) : i;
    }

    /**
     * A target over these margins: each cell's total is its design-weighted size in the sample times
     * a factor from 0.7 to 1.4 (so calibration moves the weights), the margins of a raking target
     * scaled to one grand total.
     */
    private static Upload upload(String name, boolean households, List<List<String>> margins, List<JsonObject> stored, Random random) {
        List<Map<List<String>, Double>> sized = new ArrayList<>();
        for (List<String> variables : margins) {
            Map<List<String>, Double> cells = new TreeMap<>(CalibratedSurveyPackageTest::compare);
            units(stored, households).forEach(u -> cells.merge(variables.stream().map(v -> (String) u.get(v)).toList(),
                    (Double) u.get("w"), Double::sum));
            cells.replaceAll((k, w) -> w * (0.7 + 0.7 * random.nextDouble()));
            sized.add(cells);
        }
        double grand = sized.get(0).values().stream().mapToDouble(Double::doubleValue).sum();
        List<JsonObject> bodies = new ArrayList<>();
        for (int m = 0; m < margins.size(); m++) {
            double scale = grand / sized.get(m).values().stream().mapToDouble(Double::doubleValue).sum();
            JsonArray cells = new JsonArray();
            List<String> variables = margins.get(m);
            sized.get(m).forEach((values, total) -> {
                JsonObject cell = new JsonObject();
                for (int v = 0; v < variables.size(); v++) {
                    cell.put(variables.get(v), values.get(v));
                }
                cells.add(cell.put("total", Math.rint(total * scale)));
            });
            bodies.add(new JsonObject().put("variables", new JsonArray(new ArrayList<>(variables))).put("cells", cells));
        }
        JsonObject body = margins.size() == 1 ? bodies.get(0) : new JsonObject().put("margins", new JsonArray(new ArrayList<>(bodies)));
        body.put("unit", households ? "households" : "persons").put("source", "made up from the test's sample");
        return new Upload(name, margins.size() == 1 ? "poststratify" : "rake", households, margins, body);
    }

    /** The sample's units with their calibration variables and design weight: persons, or households (members share the weight). */
    private static List<Map<String, Object>> units(List<JsonObject> stored, boolean households) {
        Map<String, Map<String, Object>> units = new java.util.LinkedHashMap<>();
        for (JsonObject s : stored) {
            JsonObject a = s.getJsonObject("answers");
            Object household = a.getValue("household_id");
            String key = households && household != null && !household.toString().isEmpty() ? household.toString() : s.getString("instanceId");
            units.putIfAbsent(key, Map.of("province", a.getString("province"), "area", a.getString("area"), "sex", a.getString("sex"),
                    "age_group", a.getString("age_group"), "w", s.getDouble("weight")));
        }
        return new ArrayList<>(units.values());
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("|", a).compareTo(String.join("|", b));
    }

    /** A margin as R's postStratify and rake take it: the variables' columns and Freq. */
    private static String writeMargin(Path file, List<String> variables, JsonObject margin) throws IOException {
        List<String> header = new ArrayList<>(variables);
        header.add("Freq");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            for (Object c : margin.getJsonArray("cells")) {
                JsonObject cell = (JsonObject) c;
                List<Object> row = new ArrayList<>();
                variables.forEach(v -> row.add(cell.getString(v)));
                row.add(cell.getDouble("total"));
                csv.printRecord(row);
            }
        }
        return file.toString();
    }
}
