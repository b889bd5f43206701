package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Versions of a form: a phone offline for a week still gets its interviews accepted and counted. */
class FormVersionsTest {

    static final String V1 = FormChanges.V1;
    static final String V2 = FormChanges.V2;

    static String secondVersion() throws IOException {
        return FormChanges.secondVersion();
    }

    static HttpResponse<Buffer> upload(TestServer server, String path, String contentType, byte[] body) {
        return FormChanges.upload(server, path, contentType, body);
    }

    private static long counted(TestServer server) {
        return server.get("/api/v1/indicators/internet_use").bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L);
    }

    @Test
    @DisplayName("an interview made on version 1 is accepted and counted after version 2 adds a required question")
    void olderVersionAccepted() throws IOException {
        try (TestServer server = TestServer.start()) {
            JsonObject versions = server.get("/api/v1/forms/digital-literacy/versions").bodyAsJsonObject();
            assertThat(versions.getString("current")).isEqualTo(V1);
            assertThat(versions.getJsonArray("versions")).singleElement().satisfies(v -> {
                JsonObject version = (JsonObject) v;
                assertThat(version.getString("version")).isEqualTo(V1);
                assertThat(version.getInteger("number")).isEqualTo(1);
                assertThat(version.getString("publishedBy")).isEqualTo("forms folder");
                assertThat(version.getString("publishedAt")).isNotBlank();
            });

            HttpResponse<Buffer> draft = upload(server, "/api/v1/forms/digital-literacy/draft", "application/yaml",
                    secondVersion().getBytes());
            assertThat(draft.statusCode()).as(draft.bodyAsString()).isEqualTo(200);
            assertThat(draft.bodyAsJsonObject().getBoolean("valid")).isTrue();
            assertThat(draft.bodyAsJsonObject().getString("version")).isEqualTo(V2);
            assertThat(server.get("/api/v1/forms/digital-literacy/draft").bodyAsJsonObject().getJsonArray("problems")).isEmpty();

            HttpResponse<Buffer> tried = server.post("/api/v1/forms/digital-literacy/draft/submissions",
                    Submissions.body(SampleAnswers.digitalLiteracy()));
            assertThat(tried.statusCode()).isEqualTo(422);
            assertThat(tried.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field"))
                    .isEqualTo("uses_email");
            Map<String, Object> withEmail = new java.util.LinkedHashMap<>(SampleAnswers.digitalLiteracy());
            withEmail.put("uses_email", "yes");
            HttpResponse<Buffer> tryOk = server.post("/api/v1/forms/digital-literacy/draft/submissions", Submissions.body(withEmail));
            assertThat(tryOk.statusCode()).isEqualTo(200);
            assertThat(tryOk.bodyAsJsonObject().getBoolean("stored")).isFalse();

            HttpResponse<Buffer> published = server.post("/api/v1/forms/digital-literacy/draft/publish", new JsonObject());
            assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(201);
            assertThat(published.bodyAsJsonObject().getInteger("number")).isEqualTo(2);
            assertThat(server.get("/api/v1/forms/digital-literacy").bodyAsJsonObject().getString("version")).isEqualTo(V2);
            assertThat(server.get("/api/v1/forms/digital-literacy/versions").bodyAsJsonObject().getJsonArray("versions"))
                    .extracting(v -> ((JsonObject) v).getString("version")).containsExactly(V1, V2);
            JsonObject first = server.get("/api/v1/forms/digital-literacy/versions/" + V1).bodyAsJsonObject();
            assertThat(first.getString("version")).isEqualTo(V1);
            assertThat(first.getJsonArray("questions").encode()).doesNotContain("uses_email");
            assertThat(first.getJsonObject("published").getBoolean("current")).isFalse();
            assertThat(server.get("/api/v1/forms/digital-literacy/versions/1999").statusCode()).isEqualTo(404);
            assertThat(server.post("/api/v1/forms/digital-literacy/draft/publish", new JsonObject()).statusCode()).isEqualTo(404);

            // the current version needs the new answer; the version the interview was made with does not
            HttpResponse<Buffer> current = server.post("/api/v1/forms/digital-literacy/submissions",
                    Submissions.body(SampleAnswers.digitalLiteracy()));
            assertThat(current.statusCode()).isEqualTo(422);
            JsonObject offline = Submissions.body(SampleAnswers.digitalLiteracy()).put("formVersion", V1);
            HttpResponse<Buffer> accepted = server.post("/api/v1/forms/digital-literacy/submissions", offline);
            assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
            assertThat(server.get("/api/v1/forms/digital-literacy/submissions/" + offline.getString("instanceId"))
                    .bodyAsJsonObject().getString("formVersion")).isEqualTo(V1);
            assertThat(server.post("/api/v1/forms/digital-literacy/submissions", offline).bodyAsJsonObject().getString("status"))
                    .isEqualTo("duplicate");

            JsonArray batch = new JsonArray()
                    .add(Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy").put("formVersion", V1))
                    .add(Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy").put("formVersion", "2020-01-01"))
                    .add(Submissions.body(withEmail).put("formId", "digital-literacy").put("formVersion", V2));
            JsonArray results = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch))
                    .bodyAsJsonObject().getJsonArray("results");
            assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
            assertThat(results.getJsonObject(1).getString("status")).isEqualTo("rejected");
            assertThat(results.getJsonObject(1).getJsonObject("error").getString("code")).isEqualTo("form.unknown_version");
            assertThat(results.getJsonObject(2).getString("status")).isEqualTo("accepted");

            HttpResponse<Buffer> unknown = server.post("/api/v1/forms/digital-literacy/submissions",
                    Submissions.body(SampleAnswers.digitalLiteracy()).put("formVersion", "2020-01-01"));
            assertThat(unknown.statusCode()).isEqualTo(422);
            JsonObject error = unknown.bodyAsJsonObject().getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("form.unknown_version");
            assertThat(error.getJsonObject("message").getString("km")).contains("2020-01-01");

            // a week's queue from a phone still on version 1: scores show from 25 respondents on
            JsonArray week = new JsonArray();
            for (int i = 0; i < 30; i++) {
                week.add(Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy").put("formVersion", V1));
            }
            JsonArray weekResults = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", week))
                    .bodyAsJsonObject().getJsonArray("results");
            assertThat(weekResults).allSatisfy(r -> assertThat(((JsonObject) r).getString("status")).isEqualTo("accepted"));
            Eventually.await("the interviews of both versions counted in internet_use", 10_000, () -> counted(server) == 33);
        }
    }

    @Test
    @DisplayName("a draft that changes the choice codes of a question indicators read is published with a warning naming them")
    void indicatorWarning() throws IOException {
        try (TestServer server = TestServer.start()) {
            String changed = secondVersion().replaceFirst("(- name: internet_use\n    type: select_one\n    choices: )yes_no\n", "$1yes_no_dk\n");
            assertThat(changed).contains("choices: yes_no_dk\n    required: true\n    label: {en: \"In the last 3 months, have you used the Internet");
            JsonObject draft = upload(server, "/api/v1/forms/digital-literacy/draft", "application/yaml", changed.getBytes())
                    .bodyAsJsonObject();
            assertThat(draft.getBoolean("valid")).isTrue();
            assertThat(draft.getJsonArray("warnings")).singleElement().satisfies(w -> {
                JsonObject warning = (JsonObject) w;
                assertThat(warning.getString("question")).isEqualTo("internet_use");
                assertThat(warning.getJsonArray("indicators").getList()).contains("internet_use", "gender_parity_internet_use");
                assertThat(warning.getJsonObject("message").getString("en")).contains("added: dont_know");
                assertThat(warning.getJsonObject("message").getString("km")).contains("dont_know");
            });
            HttpResponse<Buffer> published = server.post("/api/v1/forms/digital-literacy/draft/publish", new JsonObject());
            assertThat(published.statusCode()).isEqualTo(201);
            assertThat(published.bodyAsJsonObject().getJsonArray("warnings")).hasSize(1);

            HttpResponse<Buffer> again = upload(server, "/api/v1/forms/digital-literacy/draft", "application/yaml", changed.getBytes());
            assertThat(again.statusCode()).isEqualTo(200);
            HttpResponse<Buffer> same = server.post("/api/v1/forms/digital-literacy/draft/publish", new JsonObject());
            assertThat(same.statusCode()).isEqualTo(409);
            assertThat(same.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("form.version_not_newer");
        }
    }

    @Test
    @DisplayName("a YAML draft with a syntax error names its line and column; an unknown body type is 415")
    void yamlErrors() {
        try (TestServer server = TestServer.start()) {
            String broken = "id: digital-literacy\nversion: \"3\"\nquestions:\n  - name: a\n    type: text\n   - name: b\n";
            HttpResponse<Buffer> r = upload(server, "/api/v1/forms/digital-literacy/draft", "application/yaml", broken.getBytes());
            assertThat(r.statusCode()).isEqualTo(422);
            JsonObject detail = r.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0);
            assertThat(detail.getString("field")).isEqualTo("line 6, column 4");
            assertThat(detail.getJsonObject("message").getString("km")).contains("បន្ទាត់ 6");
            assertThat(upload(server, "/api/v1/forms", "image/png", new byte[] {1, 2}).statusCode()).isEqualTo(415);
            assertThat(TestServer.await(server.anonymous().post("/api/v1/forms").putHeader("content-type", "application/yaml")
                    .sendBuffer(Buffer.buffer(broken))).statusCode()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("a newer file in the forms folder is published as the next version at start-up; an unchanged one is not")
    void shippedNewerVersion() throws IOException {
        try (TestServer server = TestServer.start()) {
            server.restart();
            assertThat(server.get("/api/v1/forms/field-test/versions").bodyAsJsonObject().getJsonArray("versions")).hasSize(1);
            Path form = server.formsDir().resolve("field-test.yaml");
            Files.writeString(form, Files.readString(form).replace("version: \"1\"", "version: \"2\""));
            server.restart();
            JsonObject versions = server.get("/api/v1/forms/field-test/versions").bodyAsJsonObject();
            assertThat(versions.getString("current")).isEqualTo("2");
            assertThat(versions.getJsonArray("versions")).hasSize(2);
        }
    }
}
