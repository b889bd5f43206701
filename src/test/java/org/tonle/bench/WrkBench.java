package org.tonle.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tonle.support.TestAccounts;

/**
 * {@code scripts/bench --only=wrk}: single submissions measured by an outside client, Debian's
 * {@code wrk} (installed with apt when missing), with the settings of the outside load test: 2
 * threads, 8 connections, a 5 s warm-up then 15 s, valid digital-literacy submissions with a fresh
 * instanceId each and an admin token, against {@code scripts/run} on a fresh embedded store with
 * fsync; three fresh servers, medians. Then, to tell the client from the warm-up, one more fresh
 * server measured the same way by the bench's own client (Vert.x, 8 requests in flight), and the
 * last wrk server kept under load until it is warm, where wrk and the own client are measured in
 * turn. Every measurement also reads where the server's CPU went, by kind of thread
 * ({@link ThreadCpu}): the JIT compilers, the event loop, the store, the driver, GC. BENCH_JFR=file
 * records the servers with Flight Recorder ({@link BenchServer}). Writes target/bench/wrk.json.
 */
final class WrkBench {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");
    private static final String SINGLE = "/api/v1/forms/digital-literacy/submissions";
    private static final int ROUNDS = 3;
    private static final int WARM_UP = 5;
    private static final int SECONDS = 15;
    /** Seconds of load after which a server counts as warm (its JIT compilers mostly idle). */
    private static final int WARM_AFTER = 120;

    private final Vertx vertx = Vertx.vertx();
    private final boolean quick;
    private BenchServer server;
    private int port;
    private String token;
    /** wrk's request script for the current server (it carries that server's token). */
    private Path script;
    private int round;

    WrkBench(boolean quick) {
        this.quick = quick;
    }

    /** One measurement: submissions per second, latency percentiles in ms, failures, and the server's CPU meanwhile. */
    record Run(double rate, double p50, double p99, long failures, ThreadCpu.Reading cpu, double seconds) {
        Run withCpu(ThreadCpu.Reading used, double elapsed) {
            return new Run(rate, p50, p99, failures, used, elapsed);
        }

        /** The server's CPU per stored submission, in ms. */
        double cpuMsPerSubmission() {
            return cpu == null || rate == 0 ? Double.NaN : 1000 * cpu.total() / (rate * seconds);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rate", rate);
            json.put("p50Ms", p50);
            json.put("p99Ms", p99);
            json.put("failures", failures);
            if (cpu != null) {
                json.put("serverCpuSeconds", cpu.json());
                json.put("serverCpuMsPerSubmission", Math.round(cpuMsPerSubmission() * 100) / 100.0);
            }
            return json;
        }

        String line() {
            return String.format("%,7.0f/s  p50 %6.1f ms  p99 %6.1f ms  failures %d  server CPU %.2f ms a submission (%s)", rate, p50, p99,
                    failures, cpuMsPerSubmission(), cpu == null ? "" : cpu.shares());
        }
    }

    void run() throws Exception {
        ensureWrk();
        try {
            int rounds = quick ? 1 : ROUNDS;
            List<Run> fresh = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                restart();
                wrk(WARM_UP);
                fresh.add(measured(() -> wrk(SECONDS)));
                System.err.printf("fresh server %d, wrk: %s%n", i, fresh.get(i - 1).line());
            }
            List<Map<String, Object>> windows = new ArrayList<>();
            int loaded = WARM_UP + SECONDS;
            int warmAfter = quick ? 45 : WARM_AFTER;
            while (loaded < warmAfter) {
                Run window = measured(() -> wrk(SECONDS));
                loaded += SECONDS;
                Map<String, Object> w = new LinkedHashMap<>(window.json());
                w.put("loadedSeconds", loaded);
                windows.add(w);
                System.err.printf("same server, after %3d s of load: %s%n", loaded, window.line());
            }
            Run warmWrk = measured(() -> wrk(SECONDS));
            Run warmOwn = measured(() -> ownClient(SECONDS));
            System.err.printf("warm, wrk:         %s%nwarm, own client:  %s%n", warmWrk.line(), warmOwn.line());
            double warmRss = server.rssMiB();
            restart();
            ownClient(WARM_UP);
            Run freshOwn = measured(() -> ownClient(SECONDS));
            System.err.printf("fresh server, own client: %s%n", freshOwn.line());

            Run w = median(fresh);
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("wrk", w.json());
            results.put("wrkRuns", fresh.stream().map(Run::json).toList());
            results.put("ownClientFresh", freshOwn.json());
            results.put("windowsOfLastWrkServer", windows);
            results.put("wrkWarm", warmWrk.json());
            results.put("ownClientWarm", warmOwn.json());
            results.put("rssWarmMiB", warmRss);
            System.out.printf("%nSingle submissions at concurrency 8, embedded store with fsync (%d cores)%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  fresh server, wrk -t2 -c8 (median of %d): %s  %s%n", rounds, w.line(),
                    w.rate() >= 2620 && w.p99() < 50 ? "PASS" : "MISS (goal >= 2,620/s, p99 < 50 ms)");
            System.out.printf("  fresh server, own client, 8 in flight:  %s%n", freshOwn.line());
            System.out.printf("  warm server (%d s of load), wrk:        %s%n", loaded, warmWrk.line());
            System.out.printf("  warm server, own client:                %s%n", warmOwn.line());
            System.out.printf("  against ODK Central (131/s at concurrency 8): %.1f x by wrk on a fresh server, %.1f x warm%n",
                    w.rate() / 131, warmWrk.rate() / 131);
            Path out = Path.of("target", "bench", "wrk.json");
            Files.writeString(out, new JsonObject(results).encodePrettily());
            System.out.println("\nreport: " + out.toAbsolutePath());
        } finally {
            stop();
        }
    }

    private interface Measurement {
        Run run() throws Exception;
    }

    /** Runs the measurement and adds the server's CPU, by kind of thread, used meanwhile. */
    private Run measured(Measurement measurement) throws Exception {
        ThreadCpu.Reading before = ThreadCpu.read(server.pid());
        long t0 = System.nanoTime();
        Run run = measurement.run();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return run.withCpu(ThreadCpu.read(server.pid()).since(before), elapsed);
    }

    private static void ensureWrk() throws Exception {
        if (onPath("wrk")) {
            return;
        }
        System.err.println("wrk is missing: installing Debian's wrk with apt");
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "wrk"));
        if (!"root".equals(System.getProperty("user.name"))) {
            install.add(0, "sudo");
        }
        Process p = new ProcessBuilder(install).inheritIO().start();
        if (p.waitFor() != 0 || !onPath("wrk")) {
            throw new IllegalStateException("wrk could not be installed (apt-get install wrk)");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request script: each request a valid submission (one of 64 made as the bench makes
     * them) with a fresh instanceId from the round, the wrk thread and a counter.
     */
    private Path script() throws IOException {
        StringBuilder bodies = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            JsonObject body = Bench.body(false).put("instanceId", "uuid:__ID__");
            bodies.append("  [[").append(body.encode()).append("]],\n");
        }
        String lua = """
                -- generated by WrkBench: valid digital-literacy submissions, a fresh instanceId each
                local bodies = {
                %s}
                local threads = 0
                function setup(thread)
                  thread:set("tid", threads)
                  threads = threads + 1
                end
                local round = 0
                local counter = 0
                function init(args)
                  round = tonumber(args[1]) or 0
                end
                function request()
                  counter = counter + 1
                  local id = string.format("%%08x-%%04x-4000-8000-%%012x", round, tid, counter)
                  local body = bodies[(counter %% #bodies) + 1]:gsub("__ID__", id)
                  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer %s"}, body)
                end
                """.formatted(bodies, token);
        Path file = Path.of("target", "bench", "submit.lua");
        Files.createDirectories(file.getParent());
        Files.writeString(file, lua);
        return file;
    }

    /** One wrk run; each with its own round number, so that instanceIds never repeat on a server. */
    private Run wrk(int seconds) throws Exception {
        int round = ++this.round;
        Process p = new ProcessBuilder("wrk", "-t2", "-c8", "-d" + seconds + "s", "--latency", "-s", script.toString(),
                "http://127.0.0.1:" + port + SINGLE, "--", String.valueOf(round)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Files.writeString(Path.of("target", "bench", "wrk-" + round + ".txt"), out);
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + out);
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            percentiles.put(m.group(1), switch (m.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            });
        }
        Matcher bad = NON_2XX.matcher(out);
        long failures = bad.find() ? Long.parseLong(bad.group(1)) : 0;
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            System.err.println("wrk socket errors: " + socket.group(1));
            failures += 1;
        }
        return new Run(Double.parseDouble(rate.group(1)), percentiles.getOrDefault("50", Double.NaN),
                percentiles.getOrDefault("99", Double.NaN), failures, null, seconds);
    }

    /** The bench's own client: 8 requests in flight on kept-alive connections, for {@code seconds}. */
    private Run ownClient(int seconds) {
        WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(8));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Promise<Void> done = Promise.promise();
            loops.add(done.future());
            vertx.runOnContext(v -> loop(http, end, latencies, failures, done));
        }
        Bench.await(Future.all(loops));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        http.close();
        Bench.Sample sample = Bench.Sample.of(latencies.size() / elapsed, latencies);
        return new Run(sample.rate(), sample.p50(), sample.p99(), failures.get(), null, elapsed);
    }

    private void loop(WebClient http, long end, List<Long> latencies, AtomicInteger failures, Promise<Void> done) {
        if (System.nanoTime() >= end) {
            done.complete();
            return;
        }
        long t0 = System.nanoTime();
        http.post(SINGLE).bearerTokenAuthentication(token).sendJsonObject(Bench.body(false)).onComplete(ar -> {
            latencies.add(System.nanoTime() - t0);
            if (ar.failed() || ar.result().statusCode() != 201) {
                failures.incrementAndGet();
            }
            loop(http, end, latencies, failures, done);
        });
    }

    private static Run median(List<Run> runs) {
        List<Run> byRate = new ArrayList<>(runs);
        byRate.sort((a, b) -> Double.compare(a.rate(), b.rate()));
        List<Double> p50 = runs.stream().map(Run::p50).sorted().toList();
        List<Double> p99 = runs.stream().map(Run::p99).sorted().toList();
        Run middle = byRate.get(runs.size() / 2);
        return new Run(middle.rate(), p50.get(runs.size() / 2), p99.get(runs.size() / 2), runs.stream().mapToLong(Run::failures).sum(),
                middle.cpu(), middle.seconds());
    }

    /** Stops the server, if any, and starts a fresh one on a new data folder. */
    private void restart() throws Exception {
        if (server != null) {
            server.close();
        }
        server = BenchServer.start("wrk", Map.of());
        port = server.port();
        WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
        token = Bench.await(TestAccounts.login(http, "admin", TestAccounts.ADMIN_PASSWORD));
        http.close();
        script = script();
    }

    private void stop() {
        if (server != null) {
            server.close();
        }
        Bench.await(vertx.close());
    }
}
