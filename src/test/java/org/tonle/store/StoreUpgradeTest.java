package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

/**
 * A data directory written before documents were kept as BSON (stock mongo-java-server H2, Java
 * serialisation) opens with today's store: every document reads back the same, and the unique
 * indexes, rebuilt in the new key order, still refuse every stored key.
 */
class StoreUpgradeTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("an older store file opens: its documents read back unchanged and its unique keys are still refused")
    void olderFileOpens() throws Exception {
        Path dir = Files.createTempDirectory("tonle-upgrade");
        List<JsonObject> old = List.of(submission("a", "uuid:0001", "ស្រី"), submission("b", "uuid:0002", "female"));
        writeWithStockBackend(dir.resolve(EmbeddedMongo.FILE_NAME), old);

        JsonObject added = submission("c", "uuid:0003", "ប្រុស");
        try (EmbeddedMongo store = EmbeddedMongo.start(dir, true)) {
            MongoClient mongo = client(store.connectionString());
            for (JsonObject doc : old) {
                assertThat(TestServer.await(mongo.findOne("submissions", new JsonObject().put("_id", doc.getString("_id")), null)))
                        .isEqualTo(doc);
            }
            assertDuplicate(mongo, submission("z", "uuid:0001", "male"));
            assertDuplicate(mongo, submission("a", "uuid:0009", "male"));
            TestServer.await(mongo.insert("submissions", added));
            TestServer.await(mongo.close());
        }

        // old and new encodings side by side, after a clean restart
        try (EmbeddedMongo store = EmbeddedMongo.start(dir, true)) {
            MongoClient mongo = client(store.connectionString());
            assertThat(TestServer.await(mongo.count("submissions", new JsonObject()))).isEqualTo(3);
            assertThat(TestServer.await(mongo.findOne("submissions", new JsonObject().put("formId", "digital-literacy")
                    .put("instanceId", "uuid:0003"), null))).isEqualTo(added);
            assertDuplicate(mongo, submission("y", "uuid:0002", "male"));
            assertDuplicate(mongo, submission("x", "uuid:0003", "male"));
            TestServer.await(mongo.close());
        }
    }

    private MongoClient client(String connectionString) {
        return MongoClient.create(vertx, new JsonObject().put("connection_string", connectionString).put("db_name", "tonle"));
    }

    private static void assertDuplicate(MongoClient mongo, JsonObject doc) {
        assertThatThrownBy(() -> TestServer.await(mongo.insert("submissions", doc))).hasStackTraceContaining("E11000");
    }

    /** What the previous release wrote: stock H2Backend, default encodings, committed on close. */
    private void writeWithStockBackend(Path file, List<JsonObject> docs) {
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).compress().open();
        MongoServer server = new MongoServer(new H2Backend(mvStore));
        InetSocketAddress address = server.bind();
        MongoClient mongo = client("mongodb://127.0.0.1:" + address.getPort());
        TestServer.await(mongo.createIndexWithOptions("submissions", new JsonObject().put("formId", 1).put("instanceId", 1),
                new IndexOptions().unique(true).name("form_instance")));
        for (JsonObject doc : docs) {
            TestServer.await(mongo.insert("submissions", doc));
        }
        TestServer.await(mongo.close());
        server.shutdownNow();
        mvStore.close();
    }

    /** A stored submission's shape: nested answers, a list, numbers, Khmer text and dates. */
    private static JsonObject submission(String id, String instanceId, String sex) {
        return new JsonObject().put("_id", "65f0c0ffee" + id.repeat(14)).put("formId", "digital-literacy")
                .put("instanceId", instanceId).put("formVersion", "2026-11-29")
                .put("answers", new JsonObject().put("sex", sex).put("age", 34).put("province", "12")
                        .put("ict_skills", new JsonArray().add("copy_paste").add("send_attachment"))
                        .put("comment", "ខ្ញុំប្រើទូរស័ព្ទ"))
                .put("weight", 1.25)
                .put("receivedAt", new JsonObject().put("$date", "2026-11-29T01:30:00.123Z"))
                .put("submittedBy", new JsonObject().put("id", "u1").put("username", "sokha"));
    }
}
