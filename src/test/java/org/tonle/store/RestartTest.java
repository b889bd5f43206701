package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

class RestartTest {

    private static final String FIELD = "/api/v1/forms/field-test/submissions";

    @Test
    @DisplayName("after a restart every accepted submission is still there, and a retry is still a duplicate")
    void restartKeepsData() {
        try (TestServer server = TestServer.start()) {
            JsonObject body = Submissions.body(SampleAnswers.fieldTest());
            assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
            server.restart();
            HttpResponse<Buffer> stored = server.get(FIELD + "/" + body.getString("instanceId"));
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.bodyAsJsonObject().getJsonObject("answers").getString("phone_brand")).isEqualTo("Samsung");
            assertThat(server.post(FIELD, body).statusCode()).isEqualTo(200);
            Map<String, Object> changed = SampleAnswers.fieldTest();
            changed.put("household_size", 7);
            assertThat(server.post(FIELD, Submissions.body(body.getString("instanceId"), changed)).statusCode()).isEqualTo(409);
        }
    }

    @Test
    @DisplayName("a phone retrying a submission accepted before the form changed gets duplicate, not an error")
    void retryAfterFormChange() throws IOException {
        try (TestServer server = TestServer.start()) {
            JsonObject body = Submissions.body(SampleAnswers.fieldTest());
            assertThat(server.post(FIELD, body).statusCode()).isEqualTo(201);
            Path form = server.formsDir().resolve("field-test.yaml");
            String changed = Files.readString(form).replace("version: \"1\"", "version: \"2\"")
                    .replace("    label: {en: \"Anything else?\"", "    required: true\n    label: {en: \"Anything else?\"");
            Files.writeString(form, changed);
            server.restart();
            HttpResponse<Buffer> fresh = server.post(FIELD, Submissions.body(SampleAnswers.fieldTest()));
            assertThat(fresh.statusCode()).as("the new version requires a comment").isEqualTo(422);
            HttpResponse<Buffer> retry = server.post(FIELD, body);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.bodyAsJsonObject().getString("status")).isEqualTo("duplicate");
            assertThat(server.get(FIELD + "/" + body.getString("instanceId")).bodyAsJsonObject().getString("formVersion"))
                    .isEqualTo("1");
        }
    }

    @Test
    @DisplayName("a server whose form files are broken refuses to start and says which file and question")
    void brokenFormsStopStart() throws IOException {
        try (TestServer server = TestServer.start()) {
            Path form = server.formsDir().resolve("field-test.yaml");
            Files.writeString(form, Files.readString(form).replace("type: decimal", "type: money"));
            Throwable failure = null;
            try {
                server.restart();
            } catch (IllegalStateException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(failure).hasStackTraceContaining("field-test.yaml")
                    .hasStackTraceContaining("question 'monthly_spend'")
                    .hasStackTraceContaining("unknown type 'money'");
        }
    }
}
