package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tonle.forms.Workbooks.row;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** A survey designer who works in Excel: upload an XLSForm, see its problems at their cells, publish it, download it. */
class XlsFormApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<Buffer> upload(String path, byte[] workbook) {
        return FormVersionsTest.upload(server, path, XLSX, workbook);
    }

    @Test
    @DisplayName("an XLSForm with Khmer labels is uploaded as a draft, published, filled in and downloaded again")
    void publishFromXlsForm() throws Exception {
        HttpResponse<Buffer> created = upload("/api/v1/forms", Workbooks.marketSurvey("2026-12-05").bytes());
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/forms/market-survey/draft");
        assertThat(created.bodyAsJsonObject().getBoolean("valid")).isTrue();
        assertThat(created.bodyAsJsonObject().getString("format")).isEqualTo("xlsform");
        assertThat(upload("/api/v1/forms", Workbooks.marketSurvey("2026-12-05").bytes()).bodyAsJsonObject()
                .getJsonObject("error").getString("code")).isEqualTo("form.exists");
        WebClient analyst = server.as("dara", "analyst");
        assertThat(TestServer.await(analyst.post("/api/v1/forms/market-survey/draft/publish").send()).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/forms/market-survey").statusCode()).as("a draft is not a form yet").isEqualTo(404);

        HttpResponse<Buffer> published = server.post("/api/v1/forms/market-survey/draft/publish", new JsonObject());
        assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(201);
        JsonObject form = server.get("/api/v1/forms/market-survey").bodyAsJsonObject();
        assertThat(form.getString("version")).isEqualTo("2026-12-05");
        assertThat(form.getJsonObject("title").getString("km")).isEqualTo("ការស្ទង់មតិទីផ្សារ");
        assertThat(form.getJsonArray("questions").getJsonObject(0).getJsonObject("label").getString("km"))
                .isEqualTo("តើអ្នកលក់តាមអនឡាញដែរឬទេ?");
        assertThat(server.get("/api/v1/forms").bodyAsJsonArray().stream().map(f -> ((JsonObject) f).getString("id")))
                .contains("market-survey");

        WebClient enumerator = server.as("sokha", "enumerator", "market-survey");
        JsonObject answers = new JsonObject().put("sells_online", "yes").put("channels", new JsonArray().add("telegram"))
                .put("orders", "១២");
        HttpResponse<Buffer> submitted = TestServer.await(enumerator.post("/api/v1/forms/market-survey/submissions")
                .sendJsonObject(new JsonObject().put("instanceId", Submissions.newInstanceId()).put("answers", answers)
                        .put("formVersion", "2026-12-05")));
        assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(201);

        HttpResponse<Buffer> download = server.get("/api/v1/forms/market-survey/versions/2026-12-05.xlsx");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.getHeader("content-type")).isEqualTo(XLSX);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body().getBytes()))) {
            List<String> header = new ArrayList<>();
            workbook.getSheet("survey").getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).contains("type", "name", "label::English (en)", "label::Khmer (km)", "relevant");
            Row settings = workbook.getSheet("settings").getRow(1);
            assertThat(settings.getCell(0).getStringCellValue()).isEqualTo("market-survey");
        }
        assertThat(TestServer.await(server.anonymous().get("/api/v1/forms/market-survey/versions/2026-12-05.xlsx").send())
                .statusCode()).isEqualTo(401);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"digital-literacy", "disability-access", "gender-digital", "children-online"})
    @DisplayName("every shipped form, downloaded as an XLSForm and published again as its next version, has the same definition")
    void shippedFormsRoundTrip(String id) throws Exception {
        JsonObject before = server.get("/api/v1/forms/" + id).bodyAsJsonObject();
        HttpResponse<Buffer> download = server.get("/api/v1/forms/" + id + "/versions/" + before.getString("version") + ".xlsx");
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] next;
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body().getBytes()));
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            workbook.getSheet("settings").getRow(1).getCell(1).setCellValue("2027-01-01");
            workbook.write(out);
            next = out.toByteArray();
        }
        HttpResponse<Buffer> draft = upload("/api/v1/forms/" + id + "/draft", next);
        assertThat(draft.bodyAsJsonObject().getJsonArray("problems")).as(draft.bodyAsString()).isEmpty();
        assertThat(draft.bodyAsJsonObject().getJsonArray("warnings")).isEmpty();
        assertThat(server.post("/api/v1/forms/" + id + "/draft/publish", new JsonObject()).statusCode()).isEqualTo(201);
        JsonObject after = server.get("/api/v1/forms/" + id).bodyAsJsonObject();
        assertThat(after.getString("version")).isEqualTo("2027-01-01");
        after.put("version", before.getString("version"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    @DisplayName("an XLSForm with problems is kept as a draft with each problem at its cell; publishing it is 422 naming the cells")
    void problemsAtCells() {
        byte[] workbook = Workbooks.create()
                .sheet("survey", List.of(
                        List.of("type", "name", "label::English (en)", "label::Khmer (km)", "relevant"),
                        row("text", "shop", "Shop name", "ឈ្មោះហាង"),
                        row("geopoint", "where", "Where is the shop?", "តើហាងនៅឯណា?"),
                        row("text", "owner", "Owner", null, "${shop_name} != ''")))
                .sheet("settings", List.of(List.of("form_id", "version", "form_title::English (en)", "form_title::Khmer (km)"),
                        List.of("shop-census", "1", "Shop census", "ជំរឿនហាង")))
                .bytes();
        HttpResponse<Buffer> created = upload("/api/v1/forms", workbook);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject draft = server.get("/api/v1/forms/shop-census/draft").bodyAsJsonObject();
        assertThat(draft.getBoolean("valid")).isFalse();
        assertThat(draft.getJsonArray("problems")).anySatisfy(p -> {
            JsonObject problem = (JsonObject) p;
            assertThat(problem.getString("sheet")).isEqualTo("survey");
            assertThat(problem.getInteger("row")).isEqualTo(3);
            assertThat(problem.getString("column")).isEqualTo("A");
            assertThat(problem.getString("cell")).isEqualTo("survey!A3");
            assertThat(problem.getJsonObject("message").getString("en")).contains("geopoint");
            assertThat(problem.getJsonObject("message").getString("km")).contains("geopoint");
        });

        HttpResponse<Buffer> refused = server.post("/api/v1/forms/shop-census/draft/publish", new JsonObject());
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonObject error = refused.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("form.invalid");
        assertThat(error.getJsonArray("details")).extracting(d -> ((JsonObject) d).getString("field")).contains("survey!A3");
        assertThat(server.get("/api/v1/forms/shop-census").statusCode()).isEqualTo(404);

        HttpResponse<Buffer> garbage = upload("/api/v1/forms", "not a workbook at all".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(garbage.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0)
                .getJsonObject("message").getString("en")).contains("Excel workbook").doesNotContain("Exception");
    }
}
