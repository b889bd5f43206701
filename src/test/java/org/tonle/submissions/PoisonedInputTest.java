package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Issue 12: no number, date, text or JSON trick gets past validation, fails a neighbour's write, or amplifies an error. */
class PoisonedInputTest {

    private static final String FIELD = "/api/v1/forms/field-test/submissions";
    private static final String BATCH = "/api/v1/submissions/batch";
    private static TestServer server;

    /** A bad value, where it goes, and what the server must answer: the status, the field and the code. */
    private record Bad(String field, String json, int status, String code) {}

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A valid field-test body with {@code field} (an envelope key or an answer) set to the raw JSON text {@code json}. */
    private static Buffer bodyWith(String field, String json) {
        JsonObject body = Submissions.body(SampleAnswers.fieldTest());
        if (List.of("weight", "collectedAt").contains(field)) {
            body.put(field, "@@VALUE@@");
        } else {
            body.getJsonObject("answers").put(field, "@@VALUE@@");
        }
        return Buffer.buffer(body.encode().replace("\"@@VALUE@@\"", json));
    }

    private static JsonObject error(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error");
    }

    private static List<Bad> outOfRange() {
        String tomorrowPlus2 = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        String inThreeDays = Instant.now().plus(3, ChronoUnit.DAYS).toString();
        String digits50 = "\"" + "9".repeat(50) + "\"";
        return List.of(
                new Bad("weight", "1e155", 422, "range"), new Bad("weight", "1e309", 422, "range"),
                new Bad("weight", "-1e309", 422, "range"), new Bad("weight", "1e999999", 422, "range"),
                new Bad("weight", "-0", 422, "range"), new Bad("weight", "-0.0", 422, "range"),
                new Bad("weight", "0", 422, "range"), new Bad("weight", "1000000.5", 422, "range"),
                new Bad("weight", "123456789012345678901234567890", 422, "range"), new Bad("weight", "1e-400", 422, "range"),
                new Bad("weight", "\"1\"", 422, "type"), new Bad("weight", "true", 422, "type"),
                new Bad("age", "1e309", 422, "range"), new Bad("age", "-1e309", 422, "range"),
                new Bad("age", "10000000000", 422, "range"), new Bad("age", "123456789012345678901234567890", 422, "range"),
                new Bad("age", "1e999999999", 422, "range"), new Bad("age", digits50, 422, "range"),
                new Bad("age", "\"NaN\"", 422, "type"), new Bad("age", "\"Infinity\"", 422, "type"),
                new Bad("monthly_spend", "1e309", 422, "range"), new Bad("monthly_spend", "1e13", 422, "range"),
                new Bad("monthly_spend", "-1e300", 422, "range"), new Bad("monthly_spend", "\"1e5\"", 422, "type"),
                new Bad("monthly_spend", "\"nan\"", 422, "type"), new Bad("monthly_spend", "\"-Infinity\"", 422, "type"),
                new Bad("monthly_spend", digits50, 422, "range"),
                new Bad("collectedAt", "\"+999999999-12-31T23:59:59Z\"", 422, "range"),
                new Bad("collectedAt", "\"-999999999-01-01T00:00:00Z\"", 422, "range"),
                new Bad("collectedAt", "\"1899-12-31T23:59:59Z\"", 422, "range"),
                new Bad("collectedAt", "\"" + inThreeDays + "\"", 422, "range"),
                new Bad("interview_date", "\"0001-01-01\"", 422, "range"),
                new Bad("interview_date", "\"9999-12-31\"", 422, "range"),
                new Bad("interview_date", "\"" + tomorrowPlus2 + "\"", 422, "range"));
    }

    @Test
    @DisplayName("every number and date outside its documented range is 422 'range' (or 'type') on that field, in both languages, never 500")
    void ranges() {
        SoftAssertions soft = new SoftAssertions();
        for (Bad bad : outOfRange()) {
            HttpResponse<Buffer> r = server.postRaw(FIELD, bodyWith(bad.field(), bad.json()));
            soft.assertThat(r.statusCode()).as("%s = %s", bad.field(), bad.json()).isEqualTo(bad.status());
            if (r.statusCode() == 422) {
                JsonObject detail = error(r).getJsonArray("details").getJsonObject(0);
                soft.assertThat(detail.getString("field") + " " + detail.getString("code")).as("%s = %s", bad.field(), bad.json())
                        .isEqualTo(bad.field() + " " + bad.code());
                soft.assertThat(detail.getJsonObject("message").getString("km")).matches(".*[\\u1780-\\u17FF].*");
            }
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("values at the edges of the ranges are stored, and -0 is stored as 0")
    void edges() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonObject body = Submissions.body(SampleAnswers.fieldTest()).put("weight", 1_000_000).put("collectedAt", Instant.now().toString());
        body.getJsonObject("answers").put("interview_date", today).put("monthly_spend", -0.0);
        assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
        JsonObject stored = server.get(FIELD + "/" + body.getString("instanceId")).bodyAsJsonObject();
        assertThat(stored.getDouble("weight")).isEqualTo(1_000_000.0);
        assertThat(stored.getJsonObject("answers").getValue("monthly_spend").toString()).isEqualTo("0.0");
    }

    @Test
    @DisplayName("TONLE_MAX_WEIGHT sets the largest weight, and the refusal says it")
    void configuredMaxWeight() {
        try (TestServer strict = TestServer.start(Map.of("TONLE_MAX_WEIGHT", "50"))) {
            JsonObject body = Submissions.body(SampleAnswers.fieldTest()).put("weight", 50.5);
            HttpResponse<Buffer> r = strict.post(FIELD, body);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(error(r).getJsonArray("details").getJsonObject(0).getJsonObject("message").getString("en")).contains("at most 50");
            assertThat(strict.post(FIELD, body.put("weight", 50)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    @DisplayName("a batch of 99 valid items and one poisoned item stores the 99 and refuses the one, while other phones' submissions all succeed")
    void batchIsolation() {
        JsonArray items = new JsonArray();
        for (int i = 0; i < 99; i++) {
            items.add(Submissions.body(SampleAnswers.fieldTest()).put("formId", "field-test"));
        }
        String ageInfinite = Submissions.body(SampleAnswers.fieldTest()).put("formId", "field-test").encode()
                .replace("\"age\":40", "\"age\":1e309");
        String farFuture = Submissions.body(SampleAnswers.fieldTest()).put("formId", "field-test").put("collectedAt", "@@DATE@@")
                .encode().replace("\"@@DATE@@\"", "\"+999999999-12-31T23:59:59Z\"");
        String batch = new JsonObject().put("submissions", items).encode()
                .replaceFirst("\\[", "[" + ageInfinite + "," + farFuture + ",");
        List<Future<HttpResponse<Buffer>>> singles = new ArrayList<>();
        Future<HttpResponse<Buffer>> batchSent = server.client().post(BATCH).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(batch));
        for (int i = 0; i < 40; i++) {
            singles.add(server.client().post(FIELD).sendJsonObject(Submissions.body(SampleAnswers.fieldTest())));
        }
        JsonArray results = TestServer.await(batchSent).bodyAsJsonObject().getJsonArray("results");
        assertThat(results.stream().limit(2).map(o -> ((JsonObject) o).getString("status"))).containsOnly("rejected");
        assertThat(results.stream().limit(2).map(o -> ((JsonObject) o).getJsonObject("error").getJsonArray("details").getJsonObject(0))
                .map(d -> d.getString("field") + " " + d.getString("code"))).containsExactly("age range", "collectedAt range");
        assertThat(results.stream().skip(2).map(o -> ((JsonObject) o).getString("status"))).hasSize(99).containsOnly("accepted");
        assertThat(singles.stream().map(f -> TestServer.await(f).statusCode())).hasSize(40).containsOnly(201);
        for (int i = 2; i < 101; i += 49) {
            assertThat(server.get(FIELD + "/" + results.getJsonObject(i).getString("instanceId")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("lenient JSON is refused: comments, a repeated key (named), text after the body; NaN is not JSON")
    void strictJson() {
        String valid = Submissions.body(SampleAnswers.fieldTest()).encode();
        HttpResponse<Buffer> comment = server.postRaw(FIELD, Buffer.buffer(valid.replaceFirst("\\{", "{ /* note */ ")));
        assertThat(comment.statusCode()).isEqualTo(400);
        assertThat(error(comment).getString("code")).isEqualTo("request.malformed");
        HttpResponse<Buffer> lineComment = server.postRaw(FIELD, Buffer.buffer(valid.replaceFirst("\\{", "{ // note\n")));
        assertThat(lineComment.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> repeated = server.postRaw(FIELD, Buffer.buffer(valid.replace("\"household_size\":4", "\"household_size\":4,\"household_size\":40")));
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(error(repeated).getString("code")).isEqualTo("request.invalid");
        assertThat(error(repeated).getJsonObject("message").getString("en")).contains("'household_size'");
        assertThat(error(repeated).getJsonObject("message").getString("km")).contains("'household_size'");
        HttpResponse<Buffer> repeatedTop = server.postRaw(FIELD, Buffer.buffer(valid.replaceFirst("\\{", "{\"weight\":1,\"weight\":2,")));
        assertThat(error(repeatedTop).getJsonObject("message").getString("en")).contains("'weight'");
        assertThat(server.postRaw(FIELD, Buffer.buffer(valid + " {}")).statusCode()).isEqualTo(400);
        assertThat(server.postRaw(FIELD, Buffer.buffer(valid.replace("\"household_size\":4", "\"household_size\":NaN"))).statusCode())
                .isEqualTo(400);
        assertThat(server.postRaw(FIELD, Buffer.buffer(valid.replace("\"household_size\":4", "\"household_size\":Infinity")))
                .statusCode()).isEqualTo(400);
        assertThat(server.postRaw(FIELD, Buffer.buffer("[".repeat(5000) + "]".repeat(5000))).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("text with NUL, other control characters or lone surrogates is 422 'format'; unknown keys holding them are echoed printable")
    void brokenText() {
        SoftAssertions soft = new SoftAssertions();
        for (String text : List.of("a\\u0000b", "\\u0000", "ok\\u0007", "\\ud800", "x\\udc00y", "\\udbff\\ud800")) {
            HttpResponse<Buffer> r = server.postRaw(FIELD, bodyWith("comment", "\"" + text + "\""));
            soft.assertThat(r.statusCode()).as(text).isEqualTo(422);
            if (r.statusCode() == 422) {
                soft.assertThat(error(r).getJsonArray("details").getJsonObject(0).getString("code")).as(text).isEqualTo("format");
            }
        }
        soft.assertAll();
        JsonObject fine = Submissions.body(SampleAnswers.fieldTest());
        fine.getJsonObject("answers").put("comment", "line one\nline two\tand 😀 ខ្មែរ");
        assertThat(server.post(FIELD, fine).statusCode()).isEqualTo(201);
        Buffer badKey = Buffer.buffer(bodyWith("@@KEY@@", "1").toString().replace("@@KEY@@", "bad\\u0000\\ud800key"));
        HttpResponse<Buffer> key = server.postRaw(FIELD, badKey);
        assertThat(key.statusCode()).isEqualTo(422);
        assertThat(error(key).getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("bad??key");
    }

    @Test
    @DisplayName("an error shows at most 50 details and counts the rest; a batch response at most 1,000 in all")
    void amplification() {
        JsonObject body = Submissions.body(SampleAnswers.fieldTest());
        for (int i = 0; i < 60_000; i++) {
            body.getJsonObject("answers").put("k" + i, 1);
        }
        Buffer sent = body.toBuffer();
        HttpResponse<Buffer> r = server.postRaw(FIELD, sent);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(error(r).getJsonArray("details")).hasSize(50);
        assertThat(error(r).getInteger("moreDetails")).isEqualTo(59_950);
        assertThat(r.body().length()).isLessThan(50_000);

        JsonArray items = new JsonArray();
        for (int i = 0; i < 400; i++) {
            JsonObject item = Submissions.body(SampleAnswers.fieldTest()).put("formId", "field-test");
            for (int k = 0; k < 100; k++) {
                item.getJsonObject("answers").put("k" + k, 1);
            }
            items.add(item);
        }
        HttpResponse<Buffer> batch = server.post(BATCH, new JsonObject().put("submissions", items));
        JsonArray results = batch.bodyAsJsonObject().getJsonArray("results");
        int shown = results.stream().mapToInt(o -> ((JsonObject) o).getJsonObject("error").getJsonArray("details").size()).sum();
        int counted = results.stream().mapToInt(o -> ((JsonObject) o).getJsonObject("error").getInteger("moreDetails", 0)).sum();
        assertThat(results).hasSize(400);
        assertThat(shown).isEqualTo(1000);
        assertThat(shown + counted).isEqualTo(400 * 100);
        assertThat(batch.body().length()).isLessThan(1_000_000);
    }
}
