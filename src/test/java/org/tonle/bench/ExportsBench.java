package org.tonle.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.tonle.support.TestAccounts;

/**
 * {@code scripts/bench --only=exports}: the server started with a 256 MB heap
 * ({@code -Xmx256m}, BENCH_EXPORT_HEAP to change), loaded with digital-literacy submissions through
 * the API, then its CSV and workbook exports read by a client as fast as it can: time to the first
 * byte, rows per second, the server's peak resident memory during each export. At 100,000 and
 * 1,000,000 submissions ({@code --quick}: 20,000 and 100,000), three runs each; medians.
 * BENCH_EXPORT_DATA names the data folder of an earlier run to measure again at the size it
 * holds, without loading (a million submissions take a quarter of an hour to load here).
 * Writes target/bench/exports.json.
 */
final class ExportsBench {


    private final Vertx vertx = Vertx.vertx();
    private final boolean quick;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private BenchServer server;
    private WebClient http;
    private String token;
    private int port;
    private long stored;

    ExportsBench(boolean quick) {
        this.quick = quick;
    }

    /** One export as the client saw it. */
    private record Run(double firstByteMs, double seconds, long bytes, long rows, long peakRssKb) {
        double rate() {
            return rows / seconds;
        }
    }

    void run() throws Exception {
        try {
            String reuse = System.getenv("BENCH_EXPORT_DATA");
            start(reuse != null ? Path.of(reuse) : Files.createTempDirectory("tonle-bench-exports"));
            if (reuse != null) {
                stored = counted();
            }
            int[] sizes = reuse != null ? new int[] {(int) stored} : quick ? new int[] {20_000, 100_000} : new int[] {100_000, 1_000_000};
            for (int size : sizes) {
                System.err.printf("data folder %s%n", reuse != null ? reuse : "new");
                load(size);
                for (String format : List.of("csv", "xlsx")) {
                    List<Run> runs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        runs.add(export(format));
                    }
                    report(format, size, runs);
                }
            }
            System.out.printf("%nTonle exports (server -Xmx%s, %d cores; medians of 3 runs, shared machine)%n", heap(),
                    Runtime.getRuntime().availableProcessors());
            lines.forEach(System.out::println);
            Path out = Path.of("target", "bench", "exports.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, new JsonObject(results).encodePrettily());
            System.out.println("\nreport: " + out.toAbsolutePath());
        } finally {
            if (server != null) {
                server.close();
            }
            Bench.await(vertx.close());
        }
    }

    private static String heap() {
        return System.getenv().getOrDefault("BENCH_EXPORT_HEAP", "256m");
    }

    private void report(String format, int size, List<Run> runs) {
        List<Double> rates = runs.stream().map(Run::rate).sorted().toList();
        List<Double> first = runs.stream().map(Run::firstByteMs).sorted().toList();
        long peak = runs.stream().mapToLong(Run::peakRssKb).max().orElse(0);
        Run any = runs.get(0);
        double goal = format.equals("csv") ? 50_000 : 10_000;
        String line = String.format("  %-4s %,9d rows: %,8.0f rows/s [%,.0f–%,.0f], first byte %.0f ms, %.1f s, %,d MB, peak RSS %,d MiB  %s",
                format, any.rows(), rates.get(1), rates.get(0), rates.get(2), first.get(1), any.seconds(), any.bytes() / 1_000_000,
                peak / 1024, rates.get(1) >= goal ? "PASS" : "MISS (goal " + (long) goal + ")");
        lines.add(line);
        System.err.println(line);
        results.put(format + "." + size, Map.of("rowsPerSecond", rates.get(1), "rowsPerSecondRuns", rates, "firstByteMs", first.get(1),
                "rows", any.rows(), "bytes", any.bytes(), "peakRssMiB", peak / 1024.0));
    }

    /** Reads one export to its end, counting bytes and (for CSV) lines, sampling the server's RSS meanwhile. */
    private Run export(String format) throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        HttpClient client = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/forms/digital-literacy/export." + format)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long newlines = 0;
        double firstByte = -1;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = r.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (firstByte < 0) {
                    firstByte = (System.nanoTime() - t0) / 1e6;
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        newlines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (r.statusCode() != 200) {
            throw new IllegalStateException("export answered " + r.statusCode());
        }
        return new Run(firstByte, seconds, bytes, format.equals("csv") ? newlines - 1 : stored, peak.get());
    }

    private void load(int size) {
        while (stored < size) {
            List<Future<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4 && stored + (long) (i + 1) * 250 <= size; i++) {
                JsonArray items = new JsonArray();
                for (int k = 0; k < 250; k++) {
                    items.add(Bench.body(true));
                }
                inFlight.add(http.post("/api/v1/submissions/batch").sendJsonObject(new JsonObject().put("submissions", items)).map(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("batch answered " + r.statusCode());
                    }
                    return null;
                }));
            }
            Bench.await(Future.all(inFlight));
            stored += 250L * inFlight.size();
            if (stored % 50_000 == 0) {
                System.err.printf("loaded %,d of %,d%n", stored, size);
            }
        }
        long deadline = System.currentTimeMillis() + 900_000;
        while (System.currentTimeMillis() < deadline && counted() < stored) {
            Bench.sleepQuietly(500);
        }
    }

    private long counted() {
        return Bench.await(http.get("/api/v1/indicators/disability_prevalence").send()).bodyAsJsonObject()
                .getJsonObject("estimate").getLong("n", 0L);
    }

    private void start(Path data) throws Exception {
        // the background audit would read every submission again while the exports are measured
        server = BenchServer.start("exports", data, Map.of("JAVA_OPTS", "-Xms64m -Xmx" + heap() + " -XX:+UseSerialGC",
                "TONLE_SELFCHECK_PER_MINUTE", "0"));
        port = server.port();
        http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(8));
        token = Bench.await(TestAccounts.login(http, "admin", TestAccounts.ADMIN_PASSWORD));
        http = TestAccounts.bearing(http, token);
    }

    private long rssKb() {
        return server.rssKb();
    }
}
