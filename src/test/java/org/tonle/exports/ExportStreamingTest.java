package org.tonle.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/**
 * An export as a slow or vanishing client meets it: the server stops reading the store while the
 * client does not read (back-pressure), the request time limit does not cut it, what arrives while
 * it runs is not in it, and a client that goes away ends it.
 */
class ExportStreamingTest {

    private static final int ROWS = 20_000;
    private static final long TIME_LIMIT_MS = 5_000;
    private static final Pattern METRIC = Pattern.compile("(?m)^(tonle_exports_[a-z_]+)(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

    @Test
    @DisplayName("a client that stops reading pauses the export past the request time limit; it resumes whole, without what arrived meanwhile")
    void backPressure() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TONLE_REQUEST_TIMEOUT_MS", String.valueOf(TIME_LIMIT_MS),
                "TONLE_SELFCHECK_PER_MINUTE", "0"))) {
            load(server, ROWS);
            long started = System.nanoTime();
            try (Socket socket = open(server)) {
                InputStream in = socket.getInputStream();
                String head = head(in);
                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
                Eventually.await("the export waits for the client", 300_000, () -> metric(server, "tonle_exports_pauses_total") >= 1);
                double before = metric(server, "tonle_exports_rows_read_total");
                load(server, 1_000); // arrives while the export runs: not in it
                // what is tested here is a duration: the export must outlast the request time limit
                Eventually.await("the request time limit has passed", 3 * TIME_LIMIT_MS, () -> System.nanoTime() - started > TIME_LIMIT_MS * 2_000_000);
                double after = metric(server, "tonle_exports_rows_read_total");
                assertThat(after - before).as("rows read while the client read nothing").isLessThanOrEqualTo(2 * Pages.PAGE);
                assertThat(after).as("rows read while the client read nothing").isLessThan(ROWS);
                String csv = new String(dechunk(in), StandardCharsets.UTF_8);
                assertThat(csv.split("\r\n", -1)).as("header, every row, and the end").hasSize(ROWS + 2);
            }
            assertThat(ExportApiTest.body(server, "/api/v1/forms/digital-literacy/export.csv").split("\r\n", -1)).hasSize(ROWS + 1_000 + 2);
        }
    }

    @Test
    @DisplayName("a client that goes away in the middle ends the export")
    void clientGoesAway() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TONLE_SELFCHECK_PER_MINUTE", "0"))) {
            load(server, 12_000);
            try (Socket socket = open(server)) {
                assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 200");
                Eventually.await("the export runs", 30_000, () -> metric(server, "tonle_exports_running") == 1);
            }
            Eventually.await("the export ended", 30_000, () -> metric(server, "tonle_exports_running") == 0);
        }
    }

    private static void load(TestServer server, int count) {
        List<JsonObject> people = DesignedSample.people(new Random(count), count);
        for (int from = 0; from < count; from += 250) {
            JsonArray batch = new JsonArray(new java.util.ArrayList<>(people.subList(from, Math.min(count, from + 250))));
            assertThat(server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).statusCode()).isEqualTo(200);
        }
    }

    /** A raw connection with a small receive window, so that what the server sends waits for this test to read it. */
    private static Socket open(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/forms/digital-literacy/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + server.adminToken() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The body of a chunked response, to its last chunk. */
    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the response ended without its last chunk");
                }
                size.append((char) b);
            }
            int n = Integer.parseInt(size.toString().trim(), 16);
            body.write(in.readNBytes(n));
            in.readNBytes(2);
            if (n == 0) {
                byte[] bytes = body.toByteArray();
                int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF ? 3 : 0;
                return java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
            }
        }
    }

    private static double metric(TestServer server, String name) {
        Matcher m = METRIC.matcher(server.get("/metrics").bodyAsString());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
