package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.indicators.Respondent;
import org.tonle.support.Recomputes;
import org.tonle.support.ServerProcess;
import org.tonle.support.TestAccounts;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * Nothing acknowledged is ever lost: kill -9 the server mid-stream, restart it, and look. The
 * scores too: every stored submission is counted once, the killed process's batches included, and
 * already in the first score read after the restart.
 */
class DurabilityTest {

    private static final String FORM = "/api/v1/forms/digital-literacy/submissions";
    private static final List<Respondent> PEOPLE = Respondent.population(100);
    /** The restarted process takes over the killed one's unfinished batches after this long. */
    private static final Map<String, String> ENV = Map.of("TONLE_WRITER_TIMEOUT_MS", "2000");
    private static final int CONCURRENCY = 16;
    private static final int ACKS_BEFORE_KILL = 400;

    private Vertx vertx;
    private Path dataDir;
    private Path formsDir;
    private final Map<String, JsonObject> bodies = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        vertx = Vertx.vertx();
        Path home = Files.createTempDirectory("tonle-durability");
        dataDir = home.resolve("data");
        formsDir = TestForms.copyTo(home.resolve("forms"));
    }

    @AfterEach
    void tearDown() {
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("every submission acknowledged before a kill -9 is there after restart, once, still unique, and counted once")
    void killNineLosesNothingAcknowledged() throws Exception {
        for (int round = 1; round <= 2; round++) {
            ServerProcess server = ServerProcess.start(dataDir, formsDir, ENV);
            Set<String> acknowledged = submitUntilKilled(server);
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

            ServerProcess restarted = ServerProcess.start(dataDir, formsDir, ENV);
            WebClient client = client(restarted.port());
            long firstRead = national(client).getLong("n", 0L);
            assertThat(restarted.output()).as("round %d: the restarted server finished the killed one's batches before listening", round)
                    .anyMatch(line -> line.contains("that the previous run had stored but not yet counted"));
            List<String> stored = listAll(client);
            assertThat(new HashSet<>(stored)).as("round %d: acknowledged submissions after kill -9", round)
                    .containsAll(acknowledged);
            assertThat(stored).as("no submission stored twice").doesNotHaveDuplicates();
            for (String instanceId : new ArrayList<>(acknowledged).subList(0, 50)) {
                assertThat(TestServer.await(client.post(FORM).sendJsonObject(bodies.get(instanceId))).statusCode())
                        .as("the unique index survived for %s", instanceId).isEqualTo(200);
            }
            assertThat(firstRead).as("round %d: the first score read after the restart counts every stored submission", round)
                    .isEqualTo(stored.size());
            JsonObject report = Recomputes.run(client);
            assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
            assertThat(restarted.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    /** Submits at a steady concurrency and kills the server while requests are in flight. */
    private Set<String> submitUntilKilled(ServerProcess server) throws Exception {
        WebClient client = client(server.port());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        Promise<Void> enough = Promise.promise();
        for (int i = 0; i < CONCURRENCY; i++) {
            vertx.runOnContext(v -> submitLoop(client, acknowledged, killed, enough));
        }
        TestServer.await(enough.future());
        server.kill();
        killed.set(true);
        return new HashSet<>(acknowledged);
    }

    private void submitLoop(WebClient client, Set<String> acknowledged, AtomicBoolean killed, Promise<Void> enough) {
        if (killed.get()) {
            return;
        }
        String id = Submissions.newInstanceId();
        JsonObject body = Submissions.body(id, PEOPLE.get(Math.floorMod(id.hashCode(), PEOPLE.size())).answers());
        bodies.put(id, body);
        client.post(FORM).sendJsonObject(body).onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() == 201 && !killed.get()) {
                acknowledged.add(id);
                if (acknowledged.size() >= ACKS_BEFORE_KILL) {
                    enough.tryComplete();
                }
            }
            if (ar.succeeded()) {
                submitLoop(client, acknowledged, killed, enough);
            }
        });
    }

    private List<String> listAll(WebClient client) {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = TestServer.await(client.get(FORM + "?limit=1000" + (next == null ? "" : "&after=" + next))
                    .send()).bodyAsJsonObject();
            page.getJsonArray("submissions").forEach(s -> ids.add(((JsonObject) s).getString("instanceId")));
            next = page.getString("next");
        } while (next != null);
        return ids;
    }

    private static JsonObject national(WebClient client) {
        return TestServer.await(client.get("/api/v1/indicators/internet_use").send()).bodyAsJsonObject().getJsonObject("estimate");
    }

    private WebClient client(int port) {
        return TestAccounts.admin(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY)));
    }
}
