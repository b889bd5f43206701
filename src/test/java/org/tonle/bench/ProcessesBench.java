package org.tonle.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tonle.support.TestAccounts;

/**
 * {@code scripts/bench --only=processes}: 1, 2 and 4 server processes (target/tonle.jar) on one
 * database (mongo-java-server, in this JVM, over loopback), 8 phones submitting to them in turn,
 * and, per process count, how many compare-and-set writes of a table document lost a race and
 * were retried per batch added. With one document per writer slot and indicator, it should not
 * grow with the number of processes. Writes target/bench/processes.json.
 */
final class ProcessesBench {

    private static final Pattern LISTENING = Pattern.compile("Tonle listening on http://[^:]+:(\\d+)");
    private static final String SINGLE = "/api/v1/forms/digital-literacy/submissions";
    private static final int PHONES = 8;

    private final Vertx vertx = Vertx.vertx();
    private final long seconds;

    ProcessesBench(boolean quick) {
        this.seconds = quick ? 8 : 20;
    }

    void run() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (int n : new int[] {1, 2, 4}) {
            JsonObject r = measure(n);
            results.put("processes." + n, r.getMap());
            lines.add(String.format("  %d process(es): %,.0f submissions/s, %d batches added, %d table writes, %d retries: "
                    + "%.3f retries per batch added", n, r.getDouble("rate"), r.getLong("batchesAdded"), r.getLong("tableWrites"),
                    r.getLong("tableWriteRetries"), r.getDouble("retriesPerBatch")));
        }
        System.out.printf("%nTonle, several processes on one database (%d phones, %d s each, %d cores)%n", PHONES, seconds,
                Runtime.getRuntime().availableProcessors());
        lines.forEach(System.out::println);
        Path out = Path.of("target", "bench", "processes.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new JsonObject(results).encodePrettily());
        System.out.println("\nreport: " + out.toAbsolutePath());
        Bench.await(vertx.close());
    }

    private JsonObject measure(int processes) throws Exception {
        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = database.bindAndGetConnectionString();
        List<Process> servers = new ArrayList<>();
        try {
            List<WebClient> clients = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = start(uri);
                servers.add(p);
                clients.add(client(port(p)));
            }
            AtomicLong stored = new AtomicLong();
            AtomicBoolean over = new AtomicBoolean();
            List<Future<Void>> phones = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int phone = 0; phone < PHONES; phone++) {
                WebClient to = clients.get(phone % processes);
                Promise<Void> done = Promise.promise();
                phones.add(done.future());
                vertx.runOnContext(v -> submit(to, stored, over, done));
            }
            vertx.setTimer(seconds * 1000, t -> over.set(true));
            Bench.await(Future.all(phones));
            double rate = stored.get() / ((System.nanoTime() - t0) / 1e9);
            Thread.sleep(2_000);
            long batches = 0;
            long writes = 0;
            long retries = 0;
            for (WebClient c : clients) {
                JsonObject indicators = Bench.await(c.get("/health").send()).bodyAsJsonObject().getJsonObject("indicators");
                batches += indicators.getLong("batchesAdded");
                writes += indicators.getLong("tableWrites");
                retries += indicators.getLong("tableWriteRetries");
            }
            return new JsonObject().put("processes", processes).put("rate", rate).put("stored", stored.get())
                    .put("batchesAdded", batches).put("tableWrites", writes).put("tableWriteRetries", retries)
                    .put("retriesPerBatch", batches == 0 ? 0.0 : (double) retries / batches);
        } finally {
            for (Process p : servers) {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            database.shutdownNow();
        }
    }

    private void submit(WebClient client, AtomicLong stored, AtomicBoolean over, Promise<Void> done) {
        if (over.get()) {
            done.complete();
            return;
        }
        client.post(SINGLE).sendJsonObject(Bench.body(false)).onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() == 201) {
                stored.incrementAndGet();
            }
            submit(client, stored, over, done);
        });
    }

    private static Process start(String uri) throws Exception {
        Path data = Files.createTempDirectory("tonle-bench-processes");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-jar", "target/tonle.jar")
                .redirectErrorStream(true);
        builder.environment().put("TONLE_PORT", "0");
        builder.environment().put("TONLE_HOST", "127.0.0.1");
        builder.environment().put("TONLE_DATA_DIR", data.toString());
        builder.environment().put("MONGO_URI", uri);
        builder.environment().put("TONLE_SELFCHECK_PER_MINUTE", "0");
        builder.environment().putAll(TestAccounts.env());
        return builder.start();
    }

    private static int port(Process p) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (line.contains(" ERROR ")) {
                        System.err.println("server " + p.pid() + ": " + line);
                    }
                }
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private WebClient client(int port) {
        WebClient plain = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(PHONES));
        return TestAccounts.bearing(plain, Bench.await(TestAccounts.login(plain, "admin", TestAccounts.ADMIN_PASSWORD)));
    }
}
