package org.tonle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

class AuthApiTest {

    private static TestServer server;
    private static final Vertx vertx = Vertx.vertx();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        TestServer.await(vertx.close());
    }

    private static HttpResponse<Buffer> login(String username, String password) {
        return TestServer.await(server.anonymous().post("/api/v1/auth/token")
                .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
    }

    private static HttpResponse<Buffer> me(String token) {
        return TestServer.await(server.anonymous().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send());
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }

    /** A token signed as the server would, with claims and key chosen by the test. */
    private static String token(String kid, String secret, JsonObject claims, int expiresInSeconds) {
        JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret).setId(kid)));
        return auth.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer("tonle").setExpiresInSeconds(expiresInSeconds));
    }

    private static String testSecret() {
        return TestAccounts.JWT_KEYS.substring(TestAccounts.JWT_KEYS.indexOf('=') + 1);
    }

    @Test
    @DisplayName("log-in gives a 12-hour token with the role; the token opens /me")
    void loginGivesToken() {
        HttpResponse<Buffer> r = login("ADMIN", TestAccounts.ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("role")).isEqualTo("admin");
        long hours = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(body.getString("expiresAt"))).toHours();
        assertThat(hours).isBetween(11L, 12L);
        assertThat(me(body.getString("token")).bodyAsJsonObject().getString("username")).isEqualTo("admin");
    }

    @Test
    @DisplayName("a wrong password and an unknown user get the same 401 and take about as long")
    void wrongCredentials() {
        long t0 = System.nanoTime();
        HttpResponse<Buffer> wrong = login("admin", "not the password");
        long t1 = System.nanoTime();
        HttpResponse<Buffer> unknown = login("nobody-here", "not the password");
        long t2 = System.nanoTime();
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getJsonObject("error").getJsonObject("message"))
                .isEqualTo(unknown.bodyAsJsonObject().getJsonObject("error").getJsonObject("message"));
        // both run a full Argon2 verification: neither answers in a tenth of the other's time
        assertThat((t2 - t1) * 10).isGreaterThan(t1 - t0);
        assertThat((t1 - t0) * 10).isGreaterThan(t2 - t1);
    }

    @Test
    @DisplayName("after 5 wrong passwords for one user, log-in is refused with 429 and Retry-After, even with the right one")
    void repeatedFailuresAreRateLimited() {
        server.as("ratelimited", "analyst");
        for (int i = 0; i < 5; i++) {
            assertThat(login("ratelimited", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> limited = login("ratelimited", "password of ratelimited");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(code(limited)).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isPositive();
        assertThat(login("admin", TestAccounts.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("every bad token is 401 auth.required: none, garbage, wrong signature, alg none, unknown kid, expired, not yet valid")
    void badTokens() {
        String adminId = me(server.adminToken()).bodyAsJsonObject().getString("id");
        JsonObject claims = new JsonObject().put("sub", adminId).put("typ", "user").put("ver", 0);
        long now = System.currentTimeMillis() / 1000;
        String good = token("test-1", testSecret(), claims.copy(), 3600);
        assertThat(me(good).statusCode()).isEqualTo(200);

        byte[] otherSecret = new byte[32];
        new java.security.SecureRandom().nextBytes(otherSecret);
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"test-1\"}");
        String payload = b64(claims.copy().put("iss", "tonle").put("exp", now + 3600).encode());
        Map<String, String> bad = Map.of(
                "garbage", "not.a.token",
                "wrong signature", token("test-1", Base64.getEncoder().encodeToString(otherSecret), claims.copy(), 3600),
                "alg none", header + "." + payload + ".",
                "unknown kid", token("retired-key", testSecret(), claims.copy(), 3600),
                "expired", token("test-1", testSecret(), claims.copy().put("iat", now - 7200), -3600),
                "not yet valid", token("test-1", testSecret(), claims.copy().put("nbf", now + 3600), 7200),
                "respondent token", token("test-1", testSecret(), claims.copy().put("typ", "respondent"), 3600),
                "old token version", token("test-1", testSecret(), claims.copy().put("ver", -1), 3600));
        bad.forEach((what, token) -> {
            HttpResponse<Buffer> r = me(token);
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(code(r)).as(what).isEqualTo("auth.required");
            assertThat(r.getHeader("WWW-Authenticate")).as(what).isEqualTo("Bearer");
        });
        HttpResponse<Buffer> none = TestServer.await(server.anonymous().get("/api/v1/me").send());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("auth.required");
    }

    @Test
    @DisplayName("disabling a user or resetting their password ends their tokens at once; the new password works")
    void disableAndReset() {
        WebClient admin = server.client();
        server.as("soriya", "analyst");
        String token = TestServer.await(TestAccounts.login(server.anonymous(), "soriya", "password of soriya"));
        String id = me(token).bodyAsJsonObject().getString("id");

        HttpResponse<Buffer> reset = TestServer.await(admin.patch("/api/v1/users/" + id)
                .sendJsonObject(new JsonObject().put("password", "a brand new password")));
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.bodyAsString()).doesNotContain("passwordHash").doesNotContain("a brand new password");
        assertThat(me(token).statusCode()).isEqualTo(401);
        assertThat(login("soriya", "password of soriya").statusCode()).isEqualTo(401);
        String fresh = login("Soriya", "a brand new password").bodyAsJsonObject().getString("token");
        assertThat(me(fresh).statusCode()).isEqualTo(200);

        TestServer.await(admin.patch("/api/v1/users/" + id).sendJsonObject(new JsonObject().put("disabled", true)));
        assertThat(me(fresh).statusCode()).isEqualTo(401);
        assertThat(login("soriya", "a brand new password").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("admins create, list and change users; Khmer usernames work; a taken name is 409; no hash is ever shown")
    void usersApi() {
        WebClient admin = server.client();
        HttpResponse<Buffer> created = TestServer.await(admin.post("/api/v1/users").sendJsonObject(new JsonObject()
                .put("username", "សុភា").put("password", "ពាក្យសម្ងាត់វែងល្មម").put("role", "enumerator")
                .put("forms", new io.vertx.core.json.JsonArray().add("digital-literacy"))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(login("សុភា", "ពាក្យសម្ងាត់វែងល្មម").bodyAsJsonObject().getString("role")).isEqualTo("enumerator");

        HttpResponse<Buffer> taken = TestServer.await(admin.post("/api/v1/users").sendJsonObject(new JsonObject()
                .put("username", "សុភា").put("password", "another long password").put("role", "analyst")));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(code(taken)).isEqualTo("user.exists");

        HttpResponse<Buffer> badRole = TestServer.await(admin.post("/api/v1/users").sendJsonObject(new JsonObject()
                .put("username", "dara").put("password", "long enough password").put("role", "king")));
        assertThat(badRole.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> shortPassword = TestServer.await(admin.post("/api/v1/users").sendJsonObject(new JsonObject()
                .put("username", "dara").put("password", "short").put("role", "analyst")));
        assertThat(shortPassword.statusCode()).isEqualTo(400);

        String id = created.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> promoted = TestServer.await(admin.patch("/api/v1/users/" + id)
                .sendJsonObject(new JsonObject().put("role", "analyst")));
        assertThat(promoted.bodyAsJsonObject().getString("role")).isEqualTo("analyst");
        String list = TestServer.await(admin.get("/api/v1/users").send()).bodyAsString();
        assertThat(list).contains("សុភា").doesNotContain("passwordHash").doesNotContain("argon2");
    }

    @Test
    @DisplayName("with no TONLE_ADMIN_PASSWORD the first start prints a random admin password once; a restart changes nothing")
    void firstAdmin() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (TestServer fresh = TestServer.startWithoutLogin(Map.of("TONLE_ADMIN_PASSWORD", ""))) {
            Matcher m = Pattern.compile("created user 'admin' with password (\\S+)").matcher(printed.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as("printed: " + printed).isTrue();
            String password = m.group(1);
            assertThat(TestServer.await(TestAccounts.login(fresh.anonymous(), "admin", password))).isNotBlank();
            fresh.restart();
            assertThat(TestServer.await(TestAccounts.login(fresh.anonymous(), "admin", password))).isNotBlank();
            assertThat(TestServer.await(fresh.anonymous().post("/api/v1/auth/token").sendJsonObject(new JsonObject()
                    .put("username", "admin").put("password", TestAccounts.ADMIN_PASSWORD))).statusCode()).isEqualTo(401);
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).containsOnlyOnce("created user 'admin'");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
