package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/** A live stream is only as good as the token that opened it: it ends soon after the account loses the right. */
class StreamRevocationTest {

    private static TestServer server;
    private static Vertx vertx;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() {
        TestServer.await(vertx.close());
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "disabled             | disabled | true",
        "made an enumerator   | role     | enumerator",
        "given a new password | password | a brand new password"})
    @DisplayName("an analyst's open stream ends within seconds once the account is")
    void streamEndsWhenTheAccountLosesTheRight(String what, String field, String value) throws Exception {
        String username = "analyst-" + what.replace(' ', '-');
        TestAccounts.user(server.client(), server.anonymous(), username, "analyst", java.util.List.of());
        String token = TestServer.await(TestAccounts.login(server.anonymous(), username, "password of " + username));
        Promise<String> ended = Promise.promise();
        StringBuilder received = new StringBuilder();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.port())
                .setURI("/api/v1/indicators/stream?ids=internet_use&access_token=" + token);
        HttpClientResponse response = TestServer.await(client.request(options).compose(r -> r.send()).map(r -> {
            r.handler(chunk -> received.append(chunk));
            r.endHandler(v -> ended.tryComplete(received.toString()));
            r.exceptionHandler(e -> ended.tryComplete(received.toString()));
            return r;
        }));
        assertThat(response.statusCode()).isEqualTo(200);

        String id = server.get("/api/v1/users").bodyAsJsonObject().getJsonArray("users").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals(username)).findFirst().orElseThrow().getString("id");
        assertThat(server.patch("/api/v1/users/" + id, new JsonObject().put(field, field.equals("disabled") ? (Object) Boolean.TRUE : value)).statusCode()).isEqualTo(200);
        String all = ended.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(all).as("the client is told why").contains("event: revoked");
    }
}
