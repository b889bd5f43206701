package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

/**
 * What the embedded store promises for a write with {@code {w: 1}}: applied at once and visible,
 * on disk only with the next commit, which any later durable write makes. A crash is simulated by
 * closing the file without committing, as kill -9 would leave it.
 */
class AppliedWritesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("a w:1 write is visible at once, and on disk once a later durable write is acknowledged")
    void appliedWriteRidesOnTheNextCommit() throws Exception {
        Path file = Files.createTempDirectory("tonle-applied").resolve(EmbeddedMongo.FILE_NAME);
        try (Store store = new Store(file)) {
            MongoClient mongo = store.client();
            long commits = store.backend.commits();
            TestServer.await(applied(mongo, doc("before")));
            assertThat(store.backend.commits()).as("w:1 does not wait for a commit").isEqualTo(commits);
            assertThat(TestServer.await(mongo.findOne("intents", doc("before"), null))).isNotNull();
            TestServer.await(mongo.insert("submissions", doc("durable")));
            assertThat(store.backend.commits()).isGreaterThan(commits);
            TestServer.await(applied(mongo, doc("after")));
            store.crash();
        }
        try (Store store = new Store(file)) {
            MongoClient mongo = store.client();
            assertThat(TestServer.await(mongo.findOne("intents", doc("before"), null))).as("taken along by the durable write")
                    .isNotNull();
            assertThat(TestServer.await(mongo.findOne("submissions", doc("durable"), null))).isNotNull();
            assertThat(TestServer.await(mongo.findOne("intents", doc("after"), null))).as("no durable write after it")
                    .isNull();
        }
    }

    private static io.vertx.core.Future<JsonObject> applied(MongoClient mongo, JsonObject doc) {
        return mongo.runCommand("insert", new JsonObject().put("insert", "intents").put("documents", new io.vertx.core.json.JsonArray().add(doc))
                .put("writeConcern", new JsonObject().put("w", 1)));
    }

    private static JsonObject doc(String id) {
        return new JsonObject().put("_id", id);
    }

    /** The embedded store's backend on a file, without EmbeddedMongo's clean close. */
    private final class Store implements AutoCloseable {
        final MVStore mvStore;
        final DurableH2Backend backend;
        final MongoServer server;
        MongoClient client;
        boolean crashed;

        Store(Path file) {
            mvStore = new MVStore.Builder().fileName(file.toString()).compress().autoCommitDisabled().open();
            backend = new DurableH2Backend(mvStore, true);
            server = new MongoServer(backend);
        }

        MongoClient client() {
            client = MongoClient.create(vertx, new JsonObject().put("connection_string", server.bindAndGetConnectionString())
                    .put("db_name", "tonle"));
            return client;
        }

        /** The file as kill -9 leaves it: closed before anything else (the server's own stop commits). */
        void crash() {
            mvStore.closeImmediately();
            crashed = true;
            TestServer.await(client.close());
            try {
                server.shutdownNow();
            } catch (RuntimeException closedAlready) {
                // the backend's close finds its file closed
            }
        }

        @Override
        public void close() {
            if (!crashed) {
                TestServer.await(client.close());
                server.shutdownNow();
                mvStore.close();
            }
        }
    }
}
