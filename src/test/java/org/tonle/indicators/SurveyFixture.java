package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;
import org.tonle.support.Eventually;
import org.tonle.support.RScript;
import org.tonle.support.TestServer;

/**
 * What the comparisons with R's {@code survey} package share: a sample of digital-literacy
 * respondents with strata (province × area), villages of unequal sizes, a stratum with a single
 * village, respondents without a village (their own PSU) and households; submitting it; reading it
 * back as stored; writing it for R (one row per person, or per household) with what to compute;
 * running an R script; and comparing every published cell with R's.
 */
final class SurveyFixture {

    static final String FORM = "digital-literacy";
    static final String[] PROVINCES = {"02", "08", "12", "17", "21"};
    static final String[] DIMENSIONS = {"sex", "age_group", "province", "area", "disability"};
    static final IndicatorCatalog CATALOG = IndicatorLoader.load(TestForms.files(), FormLoader.load(TestForms.files()));

    private SurveyFixture() {
    }

    /** The largest differences from R seen so far, by what was compared (value, se, ci, deff). */
    static final class Agreement {
        final Map<String, Double> largest = new LinkedHashMap<>();
        int cells;

        void note(String what, double difference) {
            largest.merge(what, difference, Math::max);
        }

        @Override
        public String toString() {
            return cells + " cells; largest absolute differences " + largest;
        }
    }

    /** Submits the respondents in batches and waits until every one is counted. */
    static void submit(TestServer server, List<JsonObject> people) {
        for (int from = 0; from < people.size(); from += 400) {
            JsonArray batch = new JsonArray(new ArrayList<>(people.subList(from, Math.min(people.size(), from + 400))));
            assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).statusCode()).isEqualTo(200);
        }
        Eventually.await("every respondent counted", 60_000, () ->
                server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L) == people.size());
    }

    /** The digital-literacy indicators, ratios and differences included. */
    static List<Indicator> indicators() {
        return CATALOG.all().stream().filter(i -> formOf(i).equals(FORM)).toList();
    }

    /**
     * Writes the data and what to compute, runs {@code script} with {@code more} arguments after the
     * three files, and adds its estimates to {@code r} by indicator/breakdown/cell.
     */
    static void estimateInR(Path dir, String script, List<Indicator> indicators, List<JsonObject> stored, boolean households,
            Map<String, CSVRecord> r, List<String> more) throws IOException {
        Files.createDirectories(dir);
        writeData(dir.resolve("data.csv"), households ? households(stored, indicators) : people(stored, indicators), indicators);
        writeSpec(dir.resolve("spec.csv"), indicators);
        List<String> args = new ArrayList<>(List.of(dir.resolve("data.csv").toString(), dir.resolve("spec.csv").toString(),
                dir.resolve("out.csv").toString()));
        args.addAll(more);
        RScript.script(script, args);
        try (Reader in = Files.newBufferedReader(dir.resolve("out.csv"))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .forEach(row -> r.put(row.get("id") + "/" + row.get("by") + "/" + row.get("key"), row));
        }
    }

    /** One unit of analysis as R sees it: weight, stratum, PSU, each indicator's membership and value, the dimensions. */
    private record Unit(double w, String stratum, String psu, Map<String, double[]> indicators, Map<String, String> dimensions) {}

    private static List<Unit> people(List<JsonObject> stored, List<Indicator> indicators) {
        List<Unit> units = new ArrayList<>();
        for (JsonObject s : stored) {
            Map<String, Object> answers = Ledger.answers(s.getJsonObject("answers"));
            Map<String, double[]> values = new HashMap<>();
            for (Indicator i : indicators) {
                if (!i.kind().derived()) {
                    Stats one = Contributions.respondent(i, answers::get, 1);
                    values.put(i.id(), one == null ? new double[] {0, 0} : new double[] {1, one.sy()});
                }
            }
            units.add(new Unit(s.getDouble("weight"), stratum(answers), psu(answers, s), values, dimensions(answers)));
        }
        return units;
    }

    /**
     * Every household once, as the server counts it: "yes" if any member in the denominator says
     * yes, weighted by its members' mean weight; a respondent without a household is their own.
     */
    private static List<Unit> households(List<JsonObject> stored, List<Indicator> indicators) {
        Map<String, List<JsonObject>> byHousehold = new LinkedHashMap<>();
        for (JsonObject s : stored) {
            Object id = s.getJsonObject("answers").getValue("household_id");
            String key = id == null || id.toString().isEmpty() ? "own-" + s.getString("instanceId") : id.toString();
            byHousehold.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Unit> units = new ArrayList<>();
        byHousehold.values().forEach(members -> {
            Map<String, Object> first = Ledger.answers(members.get(0).getJsonObject("answers"));
            Map<String, double[]> values = new HashMap<>();
            double w = 0;
            for (Indicator i : indicators) {
                double weight = 0;
                int in = 0;
                double yes = 0;
                for (JsonObject m : members) {
                    Stats one = Contributions.respondent(i, Ledger.answers(m.getJsonObject("answers"))::get, 1);
                    if (one != null) {
                        in++;
                        weight += m.getDouble("weight");
                        yes = Math.max(yes, one.sy());
                    }
                }
                values.put(i.id(), new double[] {in > 0 ? 1 : 0, yes});
                w = in > 0 ? weight / in : members.get(0).getDouble("weight");
            }
            units.add(new Unit(w, stratum(first), psu(first, members.get(0)), values, dimensions(first)));
        });
        return units;
    }

    private static String stratum(Map<String, Object> answers) {
        return answers.get("province") + "-" + answers.get("area");
    }

    private static String psu(Map<String, Object> answers, JsonObject stored) {
        Object village = answers.get("village_code");
        return village == null ? "own-" + stored.getString("instanceId") : String.valueOf(village);
    }

    private static Map<String, String> dimensions(Map<String, Object> answers) {
        Map<String, String> dims = new HashMap<>();
        for (String d : DIMENSIONS) {
            Object v = answers.get(d);
            dims.put(d, v == null || v.toString().isEmpty() ? null : v.toString());
        }
        return dims;
    }

    /**
     * Compares every published cell of one score (read with {@code query} added, e.g. {@code &weights=census})
     * with R's; answers the score read. Value, SE and design effect to {@code tolerance}, relative to
     * the value when above 1; intervals to 1e-6; degrees of freedom exactly.
     */
    static JsonObject compare(TestServer server, Indicator indicator, List<String> by, String query, Map<String, CSVRecord> r,
            double tolerance, Agreement agreement) {
        var response = server.get("/api/v1/indicators/" + indicator.id() + "?precision=all" + (by.isEmpty() ? "" : "&by="
                + String.join(",", by)) + query);
        assertThat(response.statusCode()).as("%s by %s%s: %s", indicator.id(), by, query, response.bodyAsString()).isEqualTo(200);
        JsonObject score = response.bodyAsJsonObject();
        List<JsonObject> cells = new ArrayList<>();
        if (by.isEmpty()) {
            cells.add(score.getJsonObject("estimate").copy().put("key", new JsonObject()));
        } else {
            score.getJsonArray("cells").forEach(c -> cells.add((JsonObject) c));
        }
        for (JsonObject cell : cells) {
            if (cell.getBoolean("suppressed", false)) {
                continue;
            }
            List<String> values = by.stream().map(d -> cell.getJsonObject("key").getString(d)).toList();
            String where = indicator.id() + "/" + String.join(",", by) + "/" + String.join("|", values);
            CSVRecord want = r.get(where);
            assertThat(want).as("R has %s", where).isNotNull();
            double f = indicator.factor();
            close(agreement, "value", where, cell.getDouble("value"), number(want, "value") * f, tolerance);
            close(agreement, "se", where, cell.getDouble("se"), number(want, "se") * f, tolerance);
            assertThat(cell.getLong("df")).as(where + " df").isEqualTo((long) number(want, "df"));
            if (!want.get("lo").isEmpty()) {
                close(agreement, "ci", where, cell.getJsonArray("ci").getDouble(0), number(want, "lo") * f, 1e-6);
                close(agreement, "ci", where, cell.getJsonArray("ci").getDouble(1), number(want, "hi") * f, 1e-6);
            }
            if (!want.get("deff").isEmpty() && cell.getValue("deff") != null) {
                close(agreement, "deff", where, cell.getDouble("deff"), number(want, "deff"), tolerance);
            }
            agreement.cells++;
        }
        return score;
    }

    private static void close(Agreement agreement, String what, String where, double actual, double expected, double tolerance) {
        double difference = Math.abs(actual - expected);
        agreement.note(what, difference);
        assertThat(difference).as("%s %s: %s against R's %s", where, what, actual, expected)
                .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected)));
    }

    private static double number(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    static String formOf(Indicator i) {
        Indicator measured = i.kind().derived() ? CATALOG.get(i.comparison().of()) : i;
        return measured.forms().size() == 1 ? measured.forms().iterator().next() : "";
    }

    static List<List<String>> breakdowns(Indicator i) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of());
        all.addAll(i.disaggregations());
        return all;
    }

    /**
     * Respondents in 10 strata; villages of unequal sizes; 21-urban has one village; one in ten gives
     * no village. With {@code householdWeights}, members of one household share its weight (as a
     * sampling frame gives it), and households have several members more often.
     */
    static List<JsonObject> population(Random random, int size, boolean householdWeights) {
        Map<String, List<Integer>> villages = new LinkedHashMap<>();
        for (String province : PROVINCES) {
            for (String area : new String[] {"urban", "rural"}) {
                int count = province.equals("21") && area.equals("urban") ? 1 : 3 + random.nextInt(8);
                List<Integer> codes = new ArrayList<>();
                for (int v = 0; v < count; v++) {
                    codes.add(Integer.parseInt(province) * 1_000_000 + (area.equals("urban") ? 0 : 500_000) + random.nextInt(400_000));
                }
                villages.put(province + "-" + area, codes);
            }
        }
        Map<String, Double> householdWeight = new HashMap<>();
        List<JsonObject> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String province = PROVINCES[random.nextInt(PROVINCES.length)];
            String area = random.nextInt(100) < 35 ? "urban" : "rural";
            List<Integer> codes = villages.get(province + "-" + area);
            // unequal village sizes: the first villages of a stratum are picked more often
            int village = codes.get(Math.min(codes.size() - 1, (int) Math.floor(Math.pow(random.nextDouble(), 2) * codes.size())));
            double drawn = 50 + random.nextDouble() * 2950;
            JsonObject answers = answers(random, province, area, random.nextInt(10) == 0 ? null : village, householdWeights ? 60 : 300);
            double weight = householdWeights && answers.containsKey("household_no")
                    ? householdWeight.computeIfAbsent(village + "-" + answers.getInteger("household_no"), k -> drawn) : drawn;
            people.add(new JsonObject().put("formId", FORM).put("instanceId", "uuid:" + UUID.randomUUID())
                    .put("weight", weight).put("answers", answers));
        }
        return people;
    }

    private static JsonObject answers(Random random, String province, String area, Integer village, int households) {
        boolean woman = random.nextBoolean();
        boolean online = random.nextInt(100) < (woman ? 32 : 45) + (area.equals("urban") ? 20 : 0);
        boolean owns = random.nextInt(100) < 70;
        JsonObject a = new JsonObject().put("sex", woman ? "female" : "male").put("age", 15 + random.nextInt(65))
                .put("province", province).put("area", area);
        if (village != null) {
            a.put("village_code", village).put("household_no", 1 + random.nextInt(households));
        }
        for (String wg : List.of("wg_seeing", "wg_hearing", "wg_mobility", "wg_cognition", "wg_selfcare", "wg_communication")) {
            a.put(wg, random.nextInt(100) < 4 ? "a_lot" : random.nextInt(100) < 15 ? "some" : "none");
        }
        a.put("internet_use", online ? "yes" : "no").put("mobile_use", "yes").put("mobile_own", owns ? "yes" : "no");
        if (online) {
            a.put("internet_frequency", random.nextBoolean() ? "daily" : "weekly");
        } else {
            a.put("no_internet_reasons", new JsonArray().add(random.nextBoolean() ? "device_cost" : "dont_know_how"));
        }
        if (owns) {
            a.put("smartphone", random.nextInt(100) < 60 ? "yes" : "no").put("khmer_script", random.nextInt(100) < 80 ? "yes" : "dont_know");
        }
        JsonArray skills = new JsonArray();
        for (String skill : List.of("copy_paste", "send_attachment", "spreadsheet_formula", "connect_device", "install_software",
                "presentation", "transfer_files", "security_measures", "privacy_settings", "verify_information", "programming")) {
            if (online && random.nextInt(100) < 40) {
                skills.add(skill);
            }
        }
        a.put("ict_skills", skills.isEmpty() ? new JsonArray().add("none") : skills);
        String home = random.nextInt(100) < 10 ? "dont_know" : random.nextInt(100) < 30 ? "yes" : "no";
        a.put("household_internet", home);
        if (home.equals("yes")) {
            a.put("household_internet_type", new JsonArray().add("mobile_broadband_phone"));
        }
        return a;
    }

    /** The stored submissions, read back through the API: validated answers with the server's calculations. */
    static List<JsonObject> stored(TestServer server) {
        List<JsonObject> all = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = server.get("/api/v1/forms/" + FORM + "/submissions?limit=1000" + (next == null ? "" : "&after=" + next))
                    .bodyAsJsonObject();
            page.getJsonArray("submissions").forEach(s -> all.add((JsonObject) s));
            next = page.getString("next");
        } while (next != null);
        return all;
    }

    /** One row per unit: weight, stratum, PSU, each indicator's membership and value, the dimensions. */
    private static void writeData(Path file, List<Unit> units, List<Indicator> indicators) throws IOException {
        List<Indicator> measured = indicators.stream().filter(i -> !i.kind().derived()).toList();
        List<String> header = new ArrayList<>(List.of("w", "stratum", "psu"));
        measured.forEach(i -> header.addAll(List.of(i.id() + "_in", i.id() + "_y")));
        header.addAll(List.of(DIMENSIONS));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            for (Unit u : units) {
                List<Object> row = new ArrayList<>(List.of(u.w(), u.stratum(), u.psu()));
                for (Indicator i : measured) {
                    row.add(u.indicators().get(i.id())[0]);
                    row.add(u.indicators().get(i.id())[1]);
                }
                for (String d : DIMENSIONS) {
                    row.add(u.dimensions().get(d));
                }
                csv.printRecord(row);
            }
        }
    }

    /** What R computes: each indicator by each of its breakdowns (ratios and differences through their base). */
    private static void writeSpec(Path file, List<Indicator> indicators) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("id", "kind", "base", "by", "dimension", "first", "second")
                        .get().print(out)) {
            for (Indicator i : indicators) {
                for (List<String> by : breakdowns(i)) {
                    Indicator.Comparison c = i.comparison();
                    csv.printRecord(i.id(), i.kind().code(), c == null ? i.id() : c.of(), by.isEmpty() ? null : String.join(",", by),
                            c == null ? null : c.dimension(), c == null ? null : c.first(), c == null ? null : c.second());
                }
            }
        }
    }
}
