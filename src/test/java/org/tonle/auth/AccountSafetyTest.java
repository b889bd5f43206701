package org.tonle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/** Accounts that must stay sound: there is always an admin, and no two names look alike. */
class AccountSafetyTest {

    @Test
    @DisplayName("the last enabled admin cannot demote or disable itself, nor be left alone by demoting the other admin: 409 user.last_admin")
    void lastAdminStays() {
        try (TestServer server = TestServer.start()) {
            WebClient admin = server.client();
            String adminId = id(admin);
            for (JsonObject change : List.of(new JsonObject().put("role", "analyst"), new JsonObject().put("disabled", true),
                    new JsonObject().put("role", "enumerator").put("disabled", true))) {
                HttpResponse<Buffer> refused = patch(admin, adminId, change);
                assertThat(refused.statusCode()).as(change.encode()).isEqualTo(409);
                assertThat(code(refused)).isEqualTo("user.last_admin");
                assertThat(refused.bodyAsJsonObject().getJsonObject("error").getJsonObject("message").getString("km")).isNotBlank();
            }
            assertThat(patch(admin, adminId, new JsonObject().put("password", TestAccounts.ADMIN_PASSWORD)).statusCode())
                    .as("other changes to the last admin are fine").isEqualTo(200);
            admin = TestAccounts.admin(server.anonymous());

            WebClient second = TestAccounts.user(admin, server.anonymous(), "second-admin", "admin", List.of());
            String secondId = id(second);
            assertThat(patch(second, adminId, new JsonObject().put("disabled", true)).statusCode())
                    .as("with two admins one may go").isEqualTo(200);
            assertThat(code(patch(second, secondId, new JsonObject().put("role", "analyst")))).isEqualTo("user.last_admin");
            assertThat(patch(second, adminId, new JsonObject().put("disabled", false)).statusCode()).isEqualTo(200);
            assertThat(patch(second, adminId, new JsonObject().put("role", "analyst")).statusCode()).isEqualTo(200);
            assertThat(code(patch(second, secondId, new JsonObject().put("disabled", true)))).isEqualTo("user.last_admin");

            server.restart();
            assertThat(TestServer.await(TestAccounts.login(server.anonymous(), "second-admin", "password of second-admin")))
                    .as("an admin is still there after a restart").isNotBlank();
        }
    }

    @Test
    @DisplayName("look-alike usernames: full-width and Cyrillic 'admin' are 409 user.exists and log in to nothing; Khmer names still work")
    void lookAlikes() {
        try (TestServer server = TestServer.start()) {
            WebClient admin = server.client();
            List<String> lookAlikes = List.of("ａｄｍｉｎ", "аdmin", "ɑdmin", "adm\u0131n", "admin\u200b", "аdmіn", "𝐚𝐝𝐦𝐢𝐧", "adrnin", "ADMIN");
            for (String name : lookAlikes) {
                HttpResponse<Buffer> created = create(admin, name, "enumerator");
                assertThat(created.statusCode()).as(name).isIn(400, 409);
                if (created.statusCode() == 409) {
                    assertThat(code(created)).as(name).isEqualTo("user.exists");
                }
                HttpResponse<Buffer> login = login(server, name, TestAccounts.ADMIN_PASSWORD);
                assertThat(login.statusCode()).as("log-in as " + name).isIn(200, 401);
                if (login.statusCode() == 200) {
                    assertThat(login.bodyAsJsonObject().getString("username")).as(name + " is the same name after NFKC").isEqualTo("admin");
                }
            }
            assertThat(login(server, "аdmin", TestAccounts.ADMIN_PASSWORD).statusCode()).as("Cyrillic а").isEqualTo(401);
            assertThat(login(server, "ａｄｍｉｎ", TestAccounts.ADMIN_PASSWORD).statusCode()).as("full width is admin").isEqualTo(200);

            assertThat(create(admin, "rnaly", "analyst").statusCode()).isEqualTo(201);
            assertThat(code(create(admin, "maly", "analyst"))).as("rn looks like m").isEqualTo("user.exists");
            for (String khmer : List.of("សុភា", "សុភី", "ចាន់ធា", "ចាន់ថា")) {
                assertThat(create(admin, khmer, "enumerator").statusCode()).as(khmer).isEqualTo(201);
                assertThat(login(server, khmer, "password of " + khmer).bodyAsJsonObject().getString("username")).isEqualTo(khmer);
            }
            assertThat(code(create(admin, "សុភា", "analyst"))).isEqualTo("user.exists");
        }
    }

    private static HttpResponse<Buffer> create(WebClient admin, String username, String role) {
        return TestServer.await(admin.post("/api/v1/users").sendJsonObject(new JsonObject().put("username", username)
                .put("password", "password of " + username).put("role", role)));
    }

    private static HttpResponse<Buffer> login(TestServer server, String username, String password) {
        return TestServer.await(server.anonymous().post("/api/v1/auth/token")
                .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
    }

    private static HttpResponse<Buffer> patch(WebClient admin, String id, JsonObject change) {
        return TestServer.await(admin.patch("/api/v1/users/" + id).sendJsonObject(change));
    }

    private static String id(WebClient user) {
        return TestServer.await(user.get("/api/v1/me").send()).bodyAsJsonObject().getString("id");
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }
}
