package org.tonle.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.indicators.ChildAnswers;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Exports as an analyst downloads them: what the files hold, the filters, who may, and the restricted form. */
class ExportApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        List<Map<String, Object>> people = new ArrayList<>();
        Map<String, Object> a = SampleAnswers.fieldTest();
        a.put("comment", "=HYPERLINK(\"http://evil.example\",\"click\"), then \"quotes\"\nand a new line");
        a.put("monthly_spend", -5.5);
        a.put("devices", List.of("phone", "computer"));
        a.put("sex", "female");
        people.add(a);
        Map<String, Object> b = SampleAnswers.fieldTest();
        b.put("comment", "ល្អណាស់");
        b.put("province", "02");
        people.add(b);
        Map<String, Object> c = SampleAnswers.fieldTest();
        c.put("devices", List.of("none"));
        c.remove("phone_brand");
        c.put("province", "08");
        people.add(c);
        JsonArray batch = new JsonArray();
        people.forEach(p -> batch.add(Submissions.body(p).put("formId", "field-test").put("collectedAt", "2026-11-29T08:30:00+07:00")));
        JsonObject result = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsJsonObject();
        assertThat(result.encode()).doesNotContain("rejected");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("the CSV opens in Excel with Khmer intact (UTF-8 with a BOM), one row per submission, variable names on the first line")
    void csv() throws IOException {
        HttpResponse<Buffer> r = server.get("/api/v1/forms/field-test/export.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("content-type")).startsWith("text/csv");
        assertThat(r.getHeader("content-disposition")).startsWith("attachment; filename=\"field-test_").endsWith(".csv\"");
        assertThat(r.getHeader("x-tonle-snapshot")).isNotBlank();
        byte[] bytes = r.body().getBytes();
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        List<CSVRecord> rows = csv(new String(bytes, StandardCharsets.UTF_8).substring(1));
        assertThat(rows.get(0).values()).startsWith("instanceId", "formVersion", "collectedAt", "receivedAt", "weight", "submittedBy",
                "reviewState", "stratum", "psu", "household");
        assertThat(rows.get(0).values()).contains("consent", "sex", "devices/phone", "devices/computer", "devices/none", "phone_brand",
                "comment", "spend_per_person").doesNotContain("thanks", "devices");
        assertThat(rows).hasSize(4);
        Map<String, String> first = row(rows, "comment", "'=HYPERLINK(\"http://evil.example\",\"click\"), then \"quotes\"\nand a new line");
        assertThat(first.get("monthly_spend")).as("a negative number stays a number").isEqualTo("-5.5");
        assertThat(first.get("devices/phone")).isEqualTo("1");
        assertThat(first.get("devices/none")).isEqualTo("0");
        assertThat(first.get("sex")).isEqualTo("female");
        assertThat(first.get("submittedBy")).isEqualTo("admin");
        assertThat(first.get("reviewState")).isEqualTo("received");
        assertThat(first.get("collectedAt")).isEqualTo("2026-11-29T01:30:00Z");
        assertThat(first.get("psu")).as("no village: their own PSU").startsWith("own:uuid:");
        assertThat(row(rows, "comment", "ល្អណាស់").get("province")).isEqualTo("02");
        Map<String, String> none = row(rows, "province", "08");
        assertThat(none.get("phone_brand")).isEmpty();
        assertThat(none.get("devices/phone")).isEqualTo("0");
    }

    @Test
    @DisplayName("lang=km and lang=en write choice answers as their labels; multiple=joined keeps a select_multiple in one column")
    void labels() throws IOException {
        List<CSVRecord> km = csv(body("/api/v1/forms/field-test/export.csv?lang=km&multiple=joined&province=12"));
        Map<String, String> row = row(km, "sex", "ស្រី");
        assertThat(row.get("devices")).isEqualTo("ទូរស័ព្ទ; កុំព្យូទ័រ");
        assertThat(km.get(0).values()).contains("devices").doesNotContain("devices/phone");
        List<CSVRecord> values = csv(body("/api/v1/forms/field-test/export.csv?multiple=joined&province=12"));
        assertThat(row(values, "sex", "female").get("devices")).isEqualTo("phone computer");
        List<CSVRecord> en = csv(body("/api/v1/forms/field-test/export.csv?lang=en&province=12"));
        assertThat(row(en, "sex", "Female").get("consent")).isEqualTo("Yes");
    }

    @Test
    @DisplayName("filters: review states, province, dates and version; a bad filter is a 400 in both languages")
    void filters() throws IOException {
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?states=approved,rejected"))).hasSize(1);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?states=received"))).hasSize(4);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?province=02,08"))).hasSize(3);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?since=2026-11-29&until=2026-11-29"))).hasSize(4);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?until=2026-11-28"))).hasSize(1);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?dates=received&until=2026-11-28"))).hasSize(1);
        assertThat(csv(body("/api/v1/forms/field-test/export.csv?version=1"))).hasSize(4);
        HttpResponse<Buffer> bad = server.get("/api/v1/forms/field-test/export.csv?states=lost");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("request.invalid");
        assertThat(bad.bodyAsJsonObject().getJsonObject("error").getJsonObject("message").getString("km")).contains("'states'");
        assertThat(server.get("/api/v1/forms/field-test/export.csv?version=9").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/forms/field-test/export.csv?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/forms/nothing/export.csv").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("analysts and admins may export; an enumerator may not, nor anyone without a token")
    void access() {
        assertThat(TestServer.await(server.as("ana", "analyst").get("/api/v1/forms/field-test/export.csv").send()).statusCode()).isEqualTo(200);
        assertThat(TestServer.await(server.as("eno", "enumerator", "field-test").get("/api/v1/forms/field-test/export.csv").send())
                .statusCode()).isEqualTo(403);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/forms/field-test/export.zip").send()).statusCode()).isEqualTo(401);
        assertThat(TestServer.await(server.anonymous().get("/api/v1/indicators/export.csv").send()).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("children's data is exported as it is read back: no interviewer, no free text, dates without times")
    void restricted() throws IOException {
        Map<String, Object> a = SampleAnswers.profile("male", 12);
        a.put("guardian_consent", "yes");
        a.put("child_assent", "yes");
        a.put("online_frequency", "daily");
        a.putAll(ChildAnswers.online());
        assertThat(server.post("/api/v1/forms/children-online/submissions", Submissions.body(a)
                .put("collectedAt", "2026-11-29T08:30:00+07:00")).statusCode()).isEqualTo(201);
        for (String format : List.of("csv", "zip")) {
            String csv = format.equals("csv") ? body("/api/v1/forms/children-online/export.csv") : unzip(server.get(
                    "/api/v1/forms/children-online/export.zip").body().getBytes()).get("data.csv");
            List<CSVRecord> rows = csv(csv);
            assertThat(rows.get(0).values()).doesNotContain("submittedBy");
            assertThat(rows.get(1).get(2)).as("collectedAt").isEqualTo("2026-11-29");
            assertThat(rows.get(1).get(3)).as("receivedAt").matches("[0-9]{4}-[0-9]{2}-[0-9]{2}");
            assertThat(csv).doesNotContain("admin");
        }
    }

    @Test
    @DisplayName("the analysis pack holds the data with tool-safe names, the codebook, Stata, SPSS and R files, Tonle's estimates and a README")
    void pack() throws IOException {
        HttpResponse<Buffer> r = server.get("/api/v1/forms/field-test/export.zip");
        assertThat(r.getHeader("content-type")).isEqualTo("application/zip");
        Map<String, String> files = unzip(r.body().getBytes());
        assertThat(files.keySet()).containsExactly("data.csv", "codebook.csv", "labels.do", "labels.sps", "labels_km.sps", "analysis.R",
                "indicators.csv", "README.txt");
        List<CSVRecord> data = csv(files.get("data.csv"));
        assertThat(data.get(0).values()).contains("devices_phone", "devices_none").doesNotContain("devices/phone");
        assertThat(data).hasSize(4);
        List<CSVRecord> codebook = csv(files.get("codebook.csv"));
        assertThat(codebook.stream().filter(c -> c.get(0).equals("sex") && c.get(5).equals("female")).findFirst().orElseThrow().get(7))
                .isEqualTo("ស្រី");
        assertThat(codebook.stream().filter(c -> c.get(0).equals("phone_brand")).findFirst().orElseThrow().get(8))
                .isEqualTo("selected(${devices}, 'phone')");
        assertThat(files.get("README.txt")).contains("as_of: " + r.getHeader("x-tonle-snapshot")).contains("rows: 3");
    }

    @Test
    @DisplayName("the workbook opens in another reader (POI's XSSF) with its data, Khmer labels in the survey and choices sheets, and the snapshot")
    void workbook() throws IOException {
        HttpResponse<Buffer> r = server.get("/api/v1/forms/field-test/export.xlsx?lang=km");
        assertThat(r.getHeader("content-type")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new ByteArrayInputStream(r.body().getBytes()))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3)))
                    .containsExactly("data", "survey", "choices", "export");
            org.apache.poi.ss.usermodel.Sheet data = book.getSheet("data");
            assertThat(data.getLastRowNum()).as("rows after the header").isEqualTo(3);
            assertThat(data.getPaneInformation().isFreezePane()).isTrue();
            List<String> header = new ArrayList<>();
            data.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            int sex = header.indexOf("sex");
            int weight = header.indexOf("weight");
            List<String> sexes = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                sexes.add(data.getRow(i).getCell(sex).getStringCellValue());
                assertThat(data.getRow(i).getCell(weight).getNumericCellValue()).isEqualTo(1.0);
            }
            assertThat(sexes).contains("ស្រី", "ប្រុស");
            assertThat(cells(book.getSheet("survey"))).contains("តើអ្នកយល់ព្រមចូលរួមទេ?", "Do you agree to take part?");
            assertThat(cells(book.getSheet("choices"))).contains("ស្រី", "Female");
            assertThat(cells(book.getSheet("survey"))).anyMatch(c -> c.endsWith("៖ កុំព្យូទ័រ"));
            assertThat(cells(book.getSheet("export"))).contains(r.getHeader("x-tonle-snapshot"), "field-test");
        }
    }

    @Test
    @DisplayName("the indicator tables: every indicator by every breakdown, both titles, withheld cells empty with their reason, never 0")
    void indicatorTables() throws IOException {
        assertThat(server.post("/api/v1/forms/digital-literacy/submissions", Submissions.body(SampleAnswers.digitalLiteracy()))
                .statusCode()).isEqualTo(201);
        org.tonle.support.Eventually.await("counted by sex", 10_000, () -> body("/api/v1/indicators/export.csv").contains(",sex,female,"));
        List<CSVRecord> rows = csv(body("/api/v1/indicators/export.csv"));
        List<String> header = rows.get(0).toList();
        assertThat(header).containsSequence("value", "se", "ci_low", "ci_high", "n", "weighted_n", "n_eff", "deff", "df", "cv", "flag",
                "suppressed", "reason");
        int value = header.indexOf("value");
        int reason = header.indexOf("reason");
        CSVRecord national = rows.stream().filter(r -> r.get(0).equals("internet_use") && r.get(7).isEmpty()).findFirst().orElseThrow();
        assertThat(national.get(2)).isNotBlank();
        assertThat(national.get(value)).as("1 respondent: withheld").isEmpty();
        assertThat(national.get(reason)).isEqualTo("small_denominator");
        assertThat(rows.stream().filter(r -> r.get(0).equals("internet_use")).map(r -> r.get(7)).distinct().toList())
                .contains("", "sex", "province", "sex,province");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new ByteArrayInputStream(server.get("/api/v1/indicators/export.xlsx?form=children-online").body().getBytes()))) {
            assertThat(cells(book.getSheet("indicators"))).contains("child_internet_use").doesNotContain("internet_use");
        }
    }

    private static List<String> cells(org.apache.poi.ss.usermodel.Sheet sheet) {
        List<String> all = new ArrayList<>();
        sheet.forEach(row -> row.forEach(c -> all.add(c.toString())));
        return all;
    }

    static String body(String path) {
        return body(server, path);
    }

    static String body(TestServer server, String path) {
        HttpResponse<Buffer> r = server.get(path);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsString(StandardCharsets.UTF_8.name()).replace("\uFEFF", "");
    }

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    /** The row whose {@code column} holds {@code value}, as column name to cell. */
    static Map<String, String> row(List<CSVRecord> rows, String column, String value) {
        int at = rows.get(0).toList().indexOf(column);
        CSVRecord found = rows.stream().skip(1).filter(r -> r.get(at).equals(value)).findFirst().orElseThrow(
                () -> new AssertionError("no row with " + column + " = " + value));
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            row.put(rows.get(0).get(i), found.get(i));
        }
        return row;
    }

    static void unzipTo(byte[] zip, java.nio.file.Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                java.nio.file.Files.write(dir.resolve(e.getName()), in.readAllBytes());
            }
        }
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
