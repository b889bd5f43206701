package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

class SubmissionsApiTest {

    private static final String DL = "/api/v1/forms/digital-literacy/submissions";
    private static final String FIELD = "/api/v1/forms/field-test/submissions";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject error(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error");
    }

    private static List<String> detailCodes(HttpResponse<Buffer> r, String field) {
        List<String> codes = new ArrayList<>();
        error(r).getJsonArray("details").forEach(d -> {
            JsonObject detail = (JsonObject) d;
            if (detail.getString("field").equals(field)) {
                codes.add(detail.getString("code"));
            }
        });
        return codes;
    }

    private static HttpResponse<Buffer> stored(String form, String instanceId) {
        return server.get("/api/v1/forms/" + form + "/submissions/" + instanceId);
    }

    @Test
    @DisplayName("an accepted submission is 201 and stored with typed answers, the server's calculations and receivedAt")
    void accepted() {
        Map<String, Object> answers = SampleAnswers.digitalLiteracy();
        answers.put("age_group", "65+");
        JsonObject body = Submissions.body(answers).put("collectedAt", "2026-11-28T09:15:00+07:00").put("weight", 2.5);
        HttpResponse<Buffer> r = server.post(DL, body);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("accepted");
        JsonObject s = stored("digital-literacy", body.getString("instanceId")).bodyAsJsonObject();
        assertThat(s.getJsonObject("answers").getString("age_group")).isEqualTo("25-34");
        assertThat(s.getJsonObject("answers").getInteger("age")).isEqualTo(34);
        assertThat(s.getJsonObject("answers").getString("disability")).isEqualTo("no");
        assertThat(s.getDouble("weight")).isEqualTo(2.5);
        assertThat(s.getString("collectedAt")).isEqualTo("2026-11-28T02:15:00Z");
        assertThat(s.getString("receivedAt")).isNotBlank();
        assertThat(s.getString("formVersion")).isEqualTo("2026-11-29");
        assertThat(s.fieldNames()).doesNotContain("_id", "contentHash");
    }

    @Test
    @DisplayName("a phone retrying the same submission gets 200 duplicate, and it is stored once")
    void duplicate() {
        JsonObject body = Submissions.body(SampleAnswers.fieldTest());
        assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
        HttpResponse<Buffer> retry = server.post(FIELD, body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsJsonObject().getString("status")).isEqualTo("duplicate");
        String withoutPrefix = body.getString("instanceId").substring("uuid:".length()).toUpperCase();
        HttpResponse<Buffer> sameIdOtherSpelling = server.post(FIELD, body.copy().put("instanceId", withoutPrefix));
        assertThat(sameIdOtherSpelling.statusCode()).isEqualTo(200);
        assertThat(countStored("field-test", body.getString("instanceId"))).isEqualTo(1);
    }

    @Test
    @DisplayName("the same instanceId with different answers is 409 submission.conflict and the first is kept")
    void conflict() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        JsonObject body = Submissions.body(answers);
        assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
        answers.put("household_size", 9);
        HttpResponse<Buffer> r = server.post(FIELD, Submissions.body(body.getString("instanceId"), answers));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(error(r).getString("code")).isEqualTo("submission.conflict");
        assertThat(error(r).getJsonObject("message").getString("km")).matches(".*[\\u1780-\\u17FF].*");
        assertThat(stored("field-test", body.getString("instanceId")).bodyAsJsonObject().getJsonObject("answers")
                .getInteger("household_size")).isEqualTo(4);
    }

    @Test
    @DisplayName("invalid answers are 422 with one detail per problem in English and Khmer, and nothing is stored")
    void invalid() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.remove("household_size");
        answers.put("sex", "other");
        answers.put("age", 130);
        answers.put("monthly_spend", true);
        answers.put("devices", List.of("computer"));
        answers.put("$where", "1");
        answers.put("a.b", "x");
        JsonObject body = Submissions.body(answers);
        HttpResponse<Buffer> r = server.post(FIELD, body);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(error(r).getString("code")).isEqualTo("submission.invalid");
        assertThat(detailCodes(r, "household_size")).containsExactly("required");
        assertThat(detailCodes(r, "sex")).containsExactly("choice");
        assertThat(detailCodes(r, "age")).containsExactly("constraint");
        assertThat(detailCodes(r, "monthly_spend")).containsExactly("type");
        assertThat(detailCodes(r, "phone_brand")).containsExactly("not_relevant");
        assertThat(detailCodes(r, "$where")).containsExactly("unknown_field");
        assertThat(detailCodes(r, "a.b")).containsExactly("unknown_field");
        error(r).getJsonArray("details").forEach(d -> assertThat(((JsonObject) d).getJsonObject("message").getString("km"))
                .matches("(?s).*[\\u1780-\\u17FF].*"));
        assertThat(stored("field-test", body.getString("instanceId")).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the envelope is checked too: instanceId, weight, collectedAt, and no keys beyond them")
    void envelope() {
        JsonObject body = Submissions.body(SampleAnswers.fieldTest()).put("instanceId", "42").put("weight", 0)
                .put("collectedAt", "yesterday").put("enumerator", "me");
        HttpResponse<Buffer> r = server.post(FIELD, body);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(detailCodes(r, "instanceId")).containsExactly("format");
        assertThat(detailCodes(r, "weight")).containsExactly("range");
        assertThat(detailCodes(r, "collectedAt")).containsExactly("format");
        assertThat(detailCodes(r, "enumerator")).containsExactly("unknown_field");
        HttpResponse<Buffer> missing = server.post(FIELD, new JsonObject());
        assertThat(detailCodes(missing, "instanceId")).containsExactly("required");
        assertThat(detailCodes(missing, "answers")).containsExactly("required");
    }

    @Test
    @DisplayName("Khmer text round-trips NFC-normalised, and Khmer digits are stored as numbers")
    void khmer() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        String comment = "សូមអរគុណច្រើន ខ្ញុំរស់នៅភ្នំពេញ";
        answers.put("comment", Normalizer.normalize(comment, Normalizer.Form.NFD));
        answers.put("age", "៣៧");
        answers.put("household_size", "៦");
        answers.put("phone_brand", "ស្មាតហ្វូន");
        JsonObject body = Submissions.body(answers);
        assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
        JsonObject stored = stored("field-test", body.getString("instanceId")).bodyAsJsonObject().getJsonObject("answers");
        assertThat(stored.getString("comment")).isEqualTo(Normalizer.normalize(comment, Normalizer.Form.NFC));
        assertThat(stored.getString("phone_brand")).isEqualTo("ស្មាតហ្វូន");
        assertThat(stored.getValue("age")).isEqualTo(37);
        assertThat(stored.getValue("household_size")).isEqualTo(6);
    }

    @Test
    @DisplayName("children-online refuses a submission without guardian consent and child assent, or outside ages 9 to 17")
    void childrenOnlineEthics() {
        Map<String, Object> answers = SampleAnswers.profile("female", 12);
        answers.put("guardian_consent", "yes");
        answers.put("child_assent", "no");
        answers.put("online_frequency", "never");
        HttpResponse<Buffer> noAssent = server.post("/api/v1/forms/children-online/submissions", Submissions.body(answers));
        assertThat(noAssent.statusCode()).isEqualTo(422);
        assertThat(detailCodes(noAssent, "child_assent")).containsExactly("consent");
        assertThat(error(noAssent).getJsonArray("details")).hasSize(1);
        answers.put("child_assent", "yes");
        answers.put("age", 18);
        HttpResponse<Buffer> tooOld = server.post("/api/v1/forms/children-online/submissions", Submissions.body(answers));
        assertThat(detailCodes(tooOld, "age")).containsExactly("constraint");
        answers.put("age", 8);
        assertThat(detailCodes(server.post("/api/v1/forms/children-online/submissions", Submissions.body(answers)), "age"))
                .containsExactly("constraint");
        answers.put("age", 9);
        assertThat(server.post("/api/v1/forms/children-online/submissions", Submissions.body(answers)).statusCode())
                .isEqualTo(201);
    }

    @Test
    @DisplayName("malformed JSON is 400, an oversized body 413, an unknown form 404; none of them stores anything")
    void badRequests() {
        HttpResponse<Buffer> malformed = server.postRaw(FIELD, Buffer.buffer("{\"instanceId\": "));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed).getString("code")).isEqualTo("request.malformed");
        HttpResponse<Buffer> array = server.postRaw(FIELD, Buffer.buffer("[1,2]"));
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(error(array).getString("code")).isEqualTo("request.invalid");
        JsonObject huge = Submissions.body(SampleAnswers.fieldTest());
        huge.getJsonObject("answers").put("comment", "x".repeat(1024 * 1024 + 10));
        HttpResponse<Buffer> tooLarge = server.post(FIELD, huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(error(tooLarge).getString("code")).isEqualTo("request.too_large");
        assertThat(stored("field-test", huge.getString("instanceId")).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> unknown = server.post("/api/v1/forms/nope/submissions", Submissions.body(SampleAnswers.fieldTest()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).getString("code")).isEqualTo("form.not_found");
    }

    @Test
    @DisplayName("a batch from an offline phone gets one result per item, in order; one bad item blocks nothing")
    void batch() {
        JsonObject earlier = Submissions.body(SampleAnswers.fieldTest());
        assertThat(server.post(FIELD, earlier).statusCode()).isEqualTo(201);
        Map<String, Object> changed = SampleAnswers.fieldTest();
        changed.put("household_size", 2);
        Map<String, Object> invalid = SampleAnswers.fieldTest();
        invalid.put("sex", "robot");
        JsonObject fresh = Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy");
        JsonArray items = new JsonArray()
                .add(fresh)
                .add(earlier.copy().put("formId", "field-test"))
                .add(Submissions.body(earlier.getString("instanceId"), changed).put("formId", "field-test"))
                .add(Submissions.body(invalid).put("formId", "field-test"))
                .add(Submissions.body(SampleAnswers.fieldTest()).put("formId", "no-such-form"))
                .add("not an object")
                .add(fresh.copy());
        HttpResponse<Buffer> r = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", items));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
        assertThat(results.stream().map(o -> ((JsonObject) o).getString("status")).toList())
                .containsExactly("accepted", "duplicate", "conflict", "rejected", "rejected", "rejected", "duplicate");
        assertThat(results.getJsonObject(2).getJsonObject("error").getString("code")).isEqualTo("submission.conflict");
        assertThat(results.getJsonObject(3).getJsonObject("error").getString("code")).isEqualTo("submission.invalid");
        assertThat(results.getJsonObject(3).getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field"))
                .isEqualTo("sex");
        assertThat(results.getJsonObject(4).getJsonObject("error").getString("code")).isEqualTo("form.not_found");
        assertThat(results.getJsonObject(0).getString("instanceId")).isEqualTo(fresh.getString("instanceId"));
        assertThat(stored("digital-literacy", fresh.getString("instanceId")).statusCode()).isEqualTo(200);
        assertThat(countStored("digital-literacy", fresh.getString("instanceId"))).isEqualTo(1);
    }

    @Test
    @DisplayName("a batch over the item limit is refused whole with 400")
    void batchTooBig() {
        JsonArray items = new JsonArray();
        for (int i = 0; i < 501; i++) {
            items.add(Submissions.body(SampleAnswers.fieldTest()).put("formId", "field-test"));
        }
        HttpResponse<Buffer> r = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", items));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).getJsonObject("message").getString("en")).contains("500");
        assertThat(stored("field-test", items.getJsonObject(0).getString("instanceId")).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("stored submissions are listed oldest first, page by page, each exactly once")
    void paging() {
        TestServer own = TestServer.start();
        try {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                JsonObject body = Submissions.body(SampleAnswers.fieldTest());
                assertThat(own.post(FIELD, body).statusCode()).isEqualTo(201);
                sent.add(body.getString("instanceId"));
            }
            List<String> listed = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonObject page = own.get(FIELD + "?limit=3" + (next == null ? "" : "&after=" + next)).bodyAsJsonObject();
                page.getJsonArray("submissions").forEach(s -> listed.add(((JsonObject) s).getString("instanceId")));
                next = page.getString("next");
                pages++;
            } while (next != null);
            assertThat(listed).containsExactlyElementsOf(sent);
            assertThat(pages).isEqualTo(3);
            assertThat(own.get(FIELD + "?limit=0").statusCode()).isEqualTo(400);
            assertThat(own.get(FIELD + "?after=zzz").statusCode()).isEqualTo(400);
        } finally {
            own.close();
        }
    }

    private static long countStored(String form, String instanceId) {
        long count = 0;
        String next = null;
        do {
            JsonObject page = server.get("/api/v1/forms/" + form + "/submissions?limit=1000"
                    + (next == null ? "" : "&after=" + next)).bodyAsJsonObject();
            count += page.getJsonArray("submissions").stream()
                    .filter(s -> ((JsonObject) s).getString("instanceId").equals(instanceId)).count();
            next = page.getString("next");
        } while (next != null);
        return count;
    }
}
