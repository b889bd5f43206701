package org.tonle.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tonle.support.TestAccounts;

/**
 * {@code scripts/bench --only=lifecycle}: 10,000 submissions reviewed in one request on the
 * embedded store (target/tonle.jar, fsync on): a bulk approval (no table moves), a bulk rejection by
 * instance ids (every submission moves out of the scores), the same request again (nothing to
 * change), and how long until the scores show the rejection. Medians of three runs.
 */
final class LifecycleBench {

    private static final int SUBMISSIONS = 10_000;

    private final Vertx vertx = Vertx.vertx();

    void run() throws Exception {
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(once());
        }
        String[] what = {"approve all (no table move)", "reject by 10,000 instance ids (every one moves)", "the same request again",
            "until the scores show the rejection"};
        System.out.printf("%nTonle, bulk review of %,d submissions (embedded store, fsync; median of 3, %d cores)%n", SUBMISSIONS,
                Runtime.getRuntime().availableProcessors());
        JsonObject report = new JsonObject();
        for (int k = 0; k < what.length; k++) {
            final int m = k;
            List<Long> values = new ArrayList<>(runs.stream().map(r -> r[m]).toList());
            values.sort(Long::compare);
            System.out.printf("  %-50s %,6d ms (%,d-%,d)%n", what[k], values.get(1), values.get(0), values.get(2));
            report.put(what[k], values.get(1));
        }
        Path out = Path.of("target", "bench", "lifecycle.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.encodePrettily());
        Bench.await(vertx.close());
    }

    private long[] once() throws Exception {
        Path data = Files.createTempDirectory("tonle-bench-lifecycle");
        BenchServer server = BenchServer.start("lifecycle", data, Map.of("TONLE_SELFCHECK_PER_MINUTE", "0"));
        try {
            WebClient http = client(server.port());
            List<String> ids = new ArrayList<>();
            for (int from = 0; from < SUBMISSIONS; from += 500) {
                JsonArray batch = new JsonArray();
                for (int i = 0; i < 500; i++) {
                    JsonObject body = Bench.body(true);
                    ids.add(body.getString("instanceId"));
                    batch.add(body);
                }
                Bench.await(http.post("/api/v1/submissions/batch").sendJsonObject(new JsonObject().put("submissions", batch)));
            }
            while (national(http) < SUBMISSIONS) {
                Thread.sleep(100);
            }
            long[] times = new long[4];
            times[0] = timed(http, new JsonObject().put("filter", new JsonObject()).put("state", "approved"));
            JsonObject reject = new JsonObject().put("filter", new JsonObject().put("instanceIds", new JsonArray(new ArrayList<>(ids))))
                    .put("state", "rejected").put("comment", "benchmark");
            long t0 = System.nanoTime();
            times[1] = timed(http, reject);
            times[2] = timed(http, reject);
            while (national(http) > 0) {
                Thread.sleep(20);
            }
            times[3] = (System.nanoTime() - t0) / 1_000_000;
            return times;
        } finally {
            server.close();
        }
    }

    private static long timed(WebClient http, JsonObject request) {
        long t0 = System.nanoTime();
        JsonObject r = Bench.await(http.post("/api/v1/forms/digital-literacy/submissions/review").sendJsonObject(request)).bodyAsJsonObject();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!r.containsKey("changed")) {
            throw new IllegalStateException("bulk review failed: " + r.encode());
        }
        return ms;
    }

    private static long national(WebClient http) {
        return Bench.await(http.get("/api/v1/indicators/internet_use").send()).bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L);
    }

    private WebClient client(int port) {
        WebClient plain = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4));
        return TestAccounts.bearing(plain, Bench.await(TestAccounts.login(plain, "admin", TestAccounts.ADMIN_PASSWORD)));
    }
}
