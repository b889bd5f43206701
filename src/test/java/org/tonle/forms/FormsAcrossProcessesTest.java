package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.ServerProcess;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/**
 * Two server processes share one database. A form published through one is served by the other
 * within its refresh interval (TONLE_FORMS_REFRESH_MS, 1 s by default), and a submission naming the
 * new version is accepted by the other at once, before its copy of the catalogue has caught up.
 */
class FormsAcrossProcessesTest {

    @Test
    @DisplayName("a version published through one process is served by another within its refresh interval, and accepted by it at once")
    void publicationSeenByAnotherProcess() throws Exception {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        try {
            Path home = Files.createTempDirectory("tonle-forms-processes");
            Path forms = TestForms.copyTo(home.resolve("forms"));
            Map<String, String> env = Map.of("MONGO_URI", uri, "TONLE_FORMS_REFRESH_MS", "60000");
            ServerProcess a = ServerProcess.start(home.resolve("a"), forms, Map.of("MONGO_URI", uri));
            ServerProcess b = ServerProcess.start(home.resolve("b"), forms, env);
            ServerProcess c = ServerProcess.start(home.resolve("c"), forms, Map.of("MONGO_URI", uri));
            WebClient toA = client(vertx, a.port());
            WebClient toB = client(vertx, b.port());
            WebClient toC = client(vertx, c.port());
            assertThat(version(toB)).isEqualTo(FormVersionsTest.V1);

            HttpResponse<Buffer> draft = TestServer.await(toA.post("/api/v1/forms/digital-literacy/draft")
                    .putHeader("content-type", "application/yaml").sendBuffer(Buffer.buffer(FormVersionsTest.secondVersion())));
            assertThat(draft.statusCode()).as(draft.bodyAsString()).isEqualTo(200);
            assertThat(TestServer.await(toA.post("/api/v1/forms/digital-literacy/draft/publish").send()).statusCode()).isEqualTo(201);
            assertThat(version(toA)).as("the publishing process serves it at once").isEqualTo(FormVersionsTest.V2);

            // b refreshes only once a minute here, yet knows the new version as soon as a phone names it
            JsonObject answers = new JsonObject(new java.util.LinkedHashMap<>(SampleAnswers.digitalLiteracy())).put("uses_email", "no");
            HttpResponse<Buffer> onB = TestServer.await(toB.post("/api/v1/forms/digital-literacy/submissions").sendJsonObject(
                    new JsonObject().put("instanceId", Submissions.newInstanceId()).put("answers", answers)
                            .put("formVersion", FormVersionsTest.V2)));
            assertThat(onB.statusCode()).as(onB.bodyAsString()).isEqualTo(201);
            assertThat(version(toB)).as("b's copy caught up while checking that version").isEqualTo(FormVersionsTest.V2);

            long published = System.currentTimeMillis();
            Eventually.await("c serves the new version within its 1 s refresh interval", 10_000,
                    () -> FormVersionsTest.V2.equals(version(toC)));
            System.out.println("c served the new version " + (System.currentTimeMillis() - published) + " ms after publication");
            assertThat(TestServer.await(toC.get("/api/v1/forms/digital-literacy/versions").send()).bodyAsJsonObject()
                    .getJsonArray("versions")).hasSize(2);
            a.terminate();
            b.terminate();
            c.terminate();
        } finally {
            TestServer.await(vertx.close());
            database.shutdownNow();
        }
    }

    private static String version(WebClient client) {
        return TestServer.await(client.get("/api/v1/forms/digital-literacy").send()).bodyAsJsonObject().getString("version");
    }

    private static WebClient client(Vertx vertx, int port) {
        return TestAccounts.admin(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)));
    }
}
