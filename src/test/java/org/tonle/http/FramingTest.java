package org.tonle.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

/** Issue 12: a body whose length is given two ways is refused, and the connection closed, so nothing can be smuggled after it. */
class FramingTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Writes {@code request} on a fresh connection and reads until the server closes it (or 10 s pass). */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                got.write("\n<still open>".getBytes(StandardCharsets.UTF_8));
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static String post(String headers, String body) {
        return "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body;
    }

    @Test
    @DisplayName("a body framed two ways never lets a smuggled request through: obfuscated codings are 400, and the connection always closes")
    void ambiguousFraming() throws IOException {
        String smuggled = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String chunkedBody = "0\r\n\r\n" + smuggled;
        String[] refused = {
            "Content-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n",
            "Transfer-Encoding: chunked, chunked\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: gzip\r\n"};
        for (String headers : refused) {
            String response = exchange(post(headers, chunkedBody));
            assertThat(response).as(headers).startsWith("HTTP/1.1 400").contains("\"request.invalid\"").doesNotContain("<still open>");
            assertThat(response.split("HTTP/1.1 ", -1)).as(headers + ": one response only").hasSize(2);
        }
        // Netty has already read this one by its Transfer-Encoding; what matters is that the rest is never a request
        String both = exchange(post("Content-Length: " + chunkedBody.length() + "\r\nTransfer-Encoding: chunked\r\n", chunkedBody));
        assertThat(both).doesNotContain("<still open>").doesNotContain("\"status\":\"UP\"");
        assertThat(both.split("HTTP/1.1 ", -1)).hasSize(2);
    }

    @Test
    @DisplayName("a plain chunked body and a plain Content-Length body are still read")
    void plainFraming() throws IOException {
        String json = "{\"username\":\"nobody\",\"password\":\"wrong password\"}";
        String chunked = Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
        String viaChunks = exchange(post("Transfer-Encoding: chunked\r\nConnection: close\r\n", chunked));
        assertThat(viaChunks).startsWith("HTTP/1.1 401");
        String viaLength = exchange(post("Content-Length: " + json.length() + "\r\nConnection: close\r\n", json));
        assertThat(viaLength).startsWith("HTTP/1.1 401");
    }
}
