package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

/** The interleaving that double-counted, driven step by step against the store of the old protocol. */
class InterleavingBeforeFixTest {

    @Test
    void writerPausedPastItsTimeoutWhileARecovererFinishesItsFirstBatch() {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        String uri = server.bindAndGetConnectionString();
        Vertx vertx = Vertx.vertx();
        try {
            MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri).put("db_name", "t"));
            AggregateStore store = new AggregateStore(mongo, false);
            Promise<Void> writerAtB = Promise.promise();
            Promise<Void> releaseWriter = Promise.promise();
            boolean[] first = {true};
            store.beforeWrite = doc -> {
                if (doc.equals("b") && first[0] && Vertx.currentContext() != null && gate[0]) {
                    first[0] = false;
                    writerAtB.complete();
                    return releaseWriter.future();
                }
                return Future.succeededFuture();
            };
            Map<String, Map<String, Stats>> batch1 = deltas();
            Map<String, Map<String, Stats>> both = deltas();
            Contributions.merge(both, deltas());
            gate[0] = true;
            // the live writer adds its group {1, 2} and stops (a GC pause) before writing document b
            Future<Void> writer = store.apply("W", 2, both);
            TestServer.await(writerAtB.future());
            gate[0] = false;
            // declared dead, its batch 1 is recovered by another process
            TestServer.await(store.apply("W", 1, batch1));
            releaseWriter.complete();
            TestServer.await(writer);
            Map<String, AggregateStore.Table> tables = TestServer.await(store.read(Set.of("a|", "b|")));
            assertThat(tables.get("a|").cells().get("*").n()).isEqualTo(2);
            assertThat(tables.get("b|").cells().get("*").n()).as("batches 1 and 2, each once").isEqualTo(2);
        } finally {
            TestServer.await(vertx.close());
            server.shutdownNow();
        }
    }

    private final boolean[] gate = {false};

    private static Map<String, Map<String, Stats>> deltas() {
        Map<String, Map<String, Stats>> d = new HashMap<>();
        d.put("a|", new HashMap<>(Map.of("*", Stats.of(1, 1))));
        d.put("b|", new HashMap<>(Map.of("*", Stats.of(1, 1))));
        return d;
    }
}
