package org.tonle.support;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Accounts for tests: the first admin's password, logging in, and clients that send a token. */
public final class TestAccounts {

    /** The first admin's password in every test server; tests only, never a real deployment. */
    public static final String ADMIN_PASSWORD = "admin password for tests";
    /** One signing key per test run, shared by every server process the run starts. */
    public static final String JWT_KEYS = "test-1=" + randomKey();

    private TestAccounts() {
    }

    /** The settings a server needs for tests to log in to it. */
    public static Map<String, String> env() {
        return Map.of("TONLE_ADMIN_PASSWORD", ADMIN_PASSWORD, "TONLE_JWT_KEYS", JWT_KEYS);
    }

    public static Future<String> login(WebClient client, String username, String password) {
        return client.post("/api/v1/auth/token").sendJsonObject(new JsonObject().put("username", username).put("password", password))
                .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject().getString("token"))
                        : Future.failedFuture("log-in as " + username + " failed: " + r.statusCode() + " " + r.bodyAsString()));
    }

    /** A client that sends {@code Authorization: Bearer token} with every request. */
    public static WebClient bearing(WebClient client, String token) {
        return WebClientSession.create(client).addHeader("Authorization", "Bearer " + token);
    }

    /** The admin's client on a server started with {@link #env()}. */
    public static WebClient admin(WebClient client) {
        return bearing(client, TestServer.await(login(client, "admin", ADMIN_PASSWORD)));
    }

    /** Creates a user through the admin API and returns a client logged in as them. */
    public static WebClient user(WebClient admin, WebClient anonymous, String username, String role, List<String> forms) {
        String password = "password of " + username;
        JsonObject body = new JsonObject().put("username", username).put("password", password).put("role", role)
                .put("forms", new JsonArray(forms));
        int status = TestServer.await(admin.post("/api/v1/users").sendJsonObject(body)).statusCode();
        if (status != 201) {
            throw new IllegalStateException("creating " + username + " gave " + status);
        }
        return bearing(anonymous, TestServer.await(login(anonymous, username, password)));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
