package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** With MONGO_URI set, the server uses that MongoDB and starts nothing embedded. */
class ExternalMongoTest {

    @Test
    @DisplayName("with MONGO_URI set the server stores in that database and keeps no file of its own")
    void usesMongoUri() throws Exception {
        MongoServer external = new MongoServer(H2Backend.inMemory());
        String uri = external.bindAndGetConnectionString();
        Path dataDir = Files.createTempDirectory("tonle-external").resolve("data");
        JsonObject body = Submissions.body(SampleAnswers.fieldTest());
        try (TestServer server = TestServer.start(Map.of("MONGO_URI", uri, "TONLE_DATA_DIR", dataDir.toString()))) {
            assertThat(server.get("/health").bodyAsJsonObject().getString("store")).isEqualTo("mongodb");
            assertThat(server.post("/api/v1/forms/field-test/submissions", body).statusCode()).isEqualTo(201);
            assertThat(server.post("/api/v1/forms/field-test/submissions", body).statusCode()).isEqualTo(200);
            assertThat(dataDir.resolve("tonle.mv.db")).doesNotExist();
        }
        try (TestServer another = TestServer.start(Map.of("MONGO_URI", uri))) {
            assertThat(another.get("/api/v1/forms/field-test/submissions/" + body.getString("instanceId")).statusCode())
                    .as("a second server process on the same MongoDB sees the submission").isEqualTo(200);
        } finally {
            external.shutdownNow();
        }
    }
}
