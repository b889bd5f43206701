package org.tonle.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tonle.TonleVerticle;
import org.tonle.config.TonleConfig;
import org.tonle.forms.TestForms;

/**
 * The real server, deployed in this JVM on a free port with its own data directory and the
 * embedded store, and a real HTTP client talking to it over loopback.
 */
public final class TestServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Path home;
    private final TonleConfig config;
    private String deploymentId;
    private WebClient anonymous;
    private String adminToken;
    private WebClient client;
    private int port;

    private final boolean logIn;

    private TestServer(Path home, Map<String, String> env, boolean logIn) {
        this.home = home;
        this.logIn = logIn;
        java.util.Map<String, String> all = new java.util.HashMap<>(Map.of(
                "TONLE_HOST", "127.0.0.1",
                "TONLE_PORT", "0",
                "TONLE_DATA_DIR", home.resolve("data").toString(),
                "TONLE_FORMS_DIR", TestForms.copyTo(home.resolve("forms")).toString()));
        all.putAll(TestAccounts.env());
        all.putAll(env);
        this.config = TonleConfig.fromMap(all);
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> env) {
        return start(env, true);
    }

    /** A server whose admin password the test does not know: {@link #client()} is anonymous. */
    public static TestServer startWithoutLogin(Map<String, String> env) {
        return start(env, false);
    }

    private static TestServer start(Map<String, String> env, boolean logIn) {
        try {
            TestServer server = new TestServer(Files.createTempDirectory("tonle-test"), env, logIn);
            server.deploy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deploy() {
        TonleVerticle verticle = new TonleVerticle(config);
        deploymentId = await(vertx.deployVerticle(verticle));
        port = verticle.port();
        anonymous = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(64));
        if (logIn) {
            adminToken = await(TestAccounts.login(anonymous, "admin", TestAccounts.ADMIN_PASSWORD));
            client = TestAccounts.bearing(anonymous, adminToken);
        } else {
            client = anonymous;
        }
    }

    /** Stops the server (store closed cleanly) and starts it again on the same data and forms. */
    public void restart() {
        anonymous.close();
        await(vertx.undeploy(deploymentId));
        deploy();
    }

    public Path formsDir() {
        return home.resolve("forms");
    }

    public int port() {
        return port;
    }

    public HttpResponse<Buffer> get(String path) {
        return await(client.get(path).send());
    }

    public HttpResponse<Buffer> get(String path, MultiMap headers) {
        return await(client.get(path).putHeaders(headers).send());
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) {
        return await(client.post(path).sendJsonObject(body));
    }

    public HttpResponse<Buffer> delete(String path) {
        return await(client.delete(path).send());
    }

    public HttpResponse<Buffer> put(String path, JsonObject body) {
        return await(client.put(path).sendJsonObject(body));
    }

    public HttpResponse<Buffer> patch(String path, JsonObject body) {
        return await(client.patch(path).sendJsonObject(body));
    }

    public HttpResponse<Buffer> postRaw(String path, Buffer body) {
        return await(client.request(HttpMethod.POST, path).putHeader("content-type", "application/json").sendBuffer(body));
    }

    /** A client logged in as the first admin, who may do everything. */
    public WebClient client() {
        return client;
    }

    /** The first admin's token, for clients other than {@link #client()}. */
    public String adminToken() {
        return adminToken;
    }

    /** A client that sends no token. */
    public WebClient anonymous() {
        return anonymous;
    }

    /** A new account with this role (and assigned forms), and a client logged in as it. */
    public WebClient as(String username, String role, String... forms) {
        return TestAccounts.user(client, anonymous, username, role, java.util.List.of(forms));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        anonymous.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a stop that hangs is a bug: leave the threads for whoever reads the test log
            for (java.lang.management.ThreadInfo info
                    : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                System.err.print(info);
            }
            throw new IllegalStateException("the server did not stop within 60 s", e);
        }
    }
}
