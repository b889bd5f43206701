package org.tonle.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server as its own operating-system process (org.tonle.Main), so a test can kill -9 it. */
public final class ServerProcess {

    private static final Pattern LISTENING = Pattern.compile("Tonle listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;
    private final List<String> output;

    /** A start that failed: how the process exited and what it printed. */
    public record Exit(int code, List<String> output) {
        public String text() {
            return String.join("\n", output);
        }
    }

    private ServerProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    public static ServerProcess start(Path dataDir, Path formsDir) {
        return start(dataDir, formsDir, Map.of());
    }

    /** {@code env}: more settings, e.g. MONGO_URI to share a database with other server processes. */
    public static ServerProcess start(Path dataDir, Path formsDir, Map<String, String> env) {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Process process = launch(dataDir, formsDir, env, output, port);
        try {
            return new ServerProcess(process, port.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server process did not start; it printed:\n" + String.join("\n", output), e);
        }
    }

    /** Starts a server that is expected not to start, and waits for it to exit. */
    public static Exit failedStart(Path dataDir, Path formsDir, Map<String, String> env) throws InterruptedException {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Process process = launch(dataDir, formsDir, env, output, port);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server was expected to fail its start, but is still running; it printed:\n"
                    + String.join("\n", output));
        }
        port.handle((p, e) -> null).join();
        return new Exit(process.exitValue(), List.copyOf(output));
    }

    private static Process launch(Path dataDir, Path formsDir, Map<String, String> env, List<String> output,
            CompletableFuture<Integer> port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"),
                "org.tonle.Main").redirectErrorStream(true);
        builder.environment().put("TONLE_HOST", "127.0.0.1");
        builder.environment().put("TONLE_PORT", "0");
        builder.environment().put("TONLE_DATA_DIR", dataDir.toString());
        builder.environment().put("TONLE_FORMS_DIR", formsDir.toString());
        builder.environment().remove("MONGO_URI");
        builder.environment().putAll(TestAccounts.env());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Thread reader = new Thread(() -> read(process, output, port), "server-output");
            reader.setDaemon(true);
            reader.start();
            // a test that fails half-way must not leave servers running after it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(Process process, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.add(line);
                if (line.contains(" ERROR ")) {
                    System.err.println("[server " + process.pid() + "] " + line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
            port.completeExceptionally(new IllegalStateException("server exited before listening"));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process has printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** SIGKILL: no shutdown hook, no final commit, no chance to flush anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the clean shutdown path. Returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }
}
