package org.tonle.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tonle.support.TestAccounts;

/**
 * A server for a benchmark, as a user starts it: {@code scripts/run} on a fresh embedded store with
 * fsync, the test accounts' admin, port chosen by the system; its output in {@code target/bench/<name>.log}.
 * BENCH_JFR=file records it with Flight Recorder.
 */
final class BenchServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Tonle listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;

    private BenchServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BenchServer start(String name, Map<String, String> env) throws Exception {
        return start(name, Files.createTempDirectory("tonle-bench-" + name), env);
    }

    /** On the data folder {@code data} (an earlier run's, or a new one); {@code env} is added to the server's environment last. */
    static BenchServer start(String name, Path data, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("scripts/run").redirectErrorStream(true);
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null) {
            builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx1g -XX:+UseSerialGC -XX:StartFlightRecording=filename=" + jfr
                    + ",settings=profile");
        }
        builder.environment().put("TONLE_PORT", "0");
        builder.environment().put("TONLE_HOST", "127.0.0.1");
        builder.environment().put("TONLE_DATA_DIR", data.toString());
        builder.environment().remove("MONGO_URI");
        builder.environment().putAll(TestAccounts.env());
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Path log = Path.of("target", "bench", name + "-server.log");
        Files.createDirectories(log.getParent());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    java.io.Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = out.readLine()) != null; ) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    Matcher l = LISTENING.matcher(line);
                    if (l.find()) {
                        listening.complete(Integer.parseInt(l.group(1)));
                    } else if (line.contains(" ERROR ") || line.contains(" WARN ")) {
                        System.err.println("server: " + line);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("the server stopped before it listened; see " + log));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        return new BenchServer(process, listening.get(120, TimeUnit.SECONDS));
    }

    int port() {
        return port;
    }

    /** The server's process id (scripts/run ends by exec-ing java). */
    long pid() {
        return process.pid();
    }

    /** The server's resident memory now, in MiB. */
    double rssMiB() throws IOException {
        return rssKb() / 1024.0;
    }

    /** The server's resident memory now, in KiB; 0 once it has gone. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
