package org.tonle.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.RawHttp;
import org.tonle.support.TestServer;

/** Requests the HTTP decoder itself refuses still get the security headers and the error shape. */
class InvalidRequestsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithoutLogin(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("a bad request line, a bad header line, a huge URI and huge headers: 400/414/431 with the security headers and a bilingual error, then the connection closes")
    void decoderErrors() {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("GET / HTTP/1.1 extra words\r\nHost: x\r\n\r\n", 400);
        requests.put("GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n", 400);
        requests.put("GET / HTTP/1.1\r\nHost: x\r\nX-Bad\u0000Name: 1\r\n\r\n", 400);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
        requests.put("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-Many: many headers\r\n".repeat(1000) + "\r\n", 431);
        requests.forEach((request, status) -> {
            String what = request.length() > 60 ? request.substring(0, 60) + "…" : request;
            RawHttp.Response r = RawHttp.send(server.port(), request);
            assertThat(r.status()).as(what).isEqualTo(status);
            assertThat(r.headers()).as(what)
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("referrer-policy", "no-referrer")
                    .containsEntry("x-frame-options", "DENY")
                    .containsEntry("content-security-policy", Hardening.CONTENT_SECURITY_POLICY)
                    .containsKey("x-request-id");
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertThat(error.getString("code")).as(what).startsWith("request.");
            assertThat(error.getJsonObject("message").getString("km")).as(what).isNotBlank();
            assertThat(r.closed()).as(what + ": connection closed").isTrue();
        });
        assertThat(RawHttp.send(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .as("the server still answers").isEqualTo(200);
    }
}
