package org.tonle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

/**
 * Password guessing: however many guesses arrive at once, only the limit's worth are checked; and
 * nobody can lock a user out from their own address. Clients come from several loopback addresses
 * (127.0.0.x), which Linux routes to the server like different machines.
 */
class LoginAbuseTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<WebClient> clients = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        clients.forEach(WebClient::close);
        if (server != null) {
            server.close();
        }
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("200 wrong passwords at once for one user from one address: 5 are checked (401), 195 get 429, and the user still logs in from elsewhere")
    void concurrentGuessesAreCountedBeforeTheyAreChecked() {
        server = TestServer.start();
        server.as("kanha", "analyst");
        WebClient attacker = from("127.0.0.2");
        List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            guesses.add(login(attacker, "kanha", "wrong guess " + i));
        }
        Map<Integer, Long> statuses = TestServer.await(Future.all(guesses)).<HttpResponse<Buffer>>list().stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(statuses).as("status: count").containsExactlyInAnyOrderEntriesOf(Map.of(401, 5L, 429, 195L));

        HttpResponse<Buffer> rightFromAttacker = TestServer.await(login(attacker, "kanha", "password of kanha"));
        assertThat(rightFromAttacker.statusCode()).as("that address has had its 5 guesses").isEqualTo(429);
        assertThat(rightFromAttacker.getHeader("Retry-After")).isNotBlank();
        assertThat(TestServer.await(login(from("127.0.0.1"), "kanha", "password of kanha")).statusCode())
                .as("the user, from an address that has not failed").isEqualTo(200);
    }

    @Test
    @DisplayName("wrong guesses from a few addresses, one after the other, do not lock the user out of their own address")
    void othersCannotLockAUserOut() {
        server = TestServer.start();
        server.as("sokha", "enumerator");
        for (String address : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            WebClient attacker = from(address);
            for (int i = 0; i < 6; i++) {
                assertThat(TestServer.await(login(attacker, "Sokha", "wrong guess " + i)).statusCode()).as(address + " guess " + i)
                        .isEqualTo(i < 5 ? 401 : 429);
            }
        }
        assertThat(TestServer.await(login(from("127.0.0.1"), "sokha", "password of sokha")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("ceilings: 20 times the limit per user from all addresses together, 6 times per address over all usernames")
    void ceilings() {
        server = TestServer.start(Map.of("TONLE_LOGIN_FAILURES", "1"));
        server.as("dara", "analyst");
        for (int i = 10; i < 30; i++) {
            assertThat(TestServer.await(login(from("127.0.0." + i), "dara", "wrong")).statusCode()).isEqualTo(401);
        }
        assertThat(TestServer.await(login(from("127.0.0.30"), "dara", "password of dara")).statusCode())
                .as("20 addresses have used up dara's guesses for this window").isEqualTo(429);

        WebClient sprayer = from("127.0.0.40");
        List<Integer> spray = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            spray.add(TestServer.await(login(sprayer, "user" + i, "password1234")).statusCode());
        }
        assertThat(spray).containsExactly(401, 401, 401, 401, 401, 401, 429);
    }

    private WebClient from(String localAddress) {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port())
                .setLocalAddress(localAddress), new PoolOptions().setHttp1MaxSize(200));
        clients.add(client);
        return client;
    }

    private static Future<HttpResponse<Buffer>> login(WebClient client, String username, String password) {
        return client.post("/api/v1/auth/token").sendJsonObject(new JsonObject().put("username", username).put("password", password));
    }
}
