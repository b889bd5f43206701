package org.tonle.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/** Compressed request bodies: accepted when honest, stopped at the body limit when not, and nobody else waits meanwhile. */
class CompressedBodiesTest {

    private static final String TOKEN = "/api/v1/auth/token";
    private static final int BOMB_INFLATED_MB = 900;
    private static TestServer server;
    private static Buffer bomb;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        bomb = gzipOfZeros(BOMB_INFLATED_MB);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("gzip and deflate bodies are read as JSON; a damaged one is 400, an unknown encoding 415")
    void honestBodies() {
        JsonObject login = new JsonObject().put("username", "admin").put("password", TestAccounts.ADMIN_PASSWORD);
        byte[] json = login.toBuffer().getBytes();
        assertThat(send(TOKEN, "gzip", gzip(json)).statusCode()).isEqualTo(200);
        assertThat(send(TOKEN, "deflate", deflate(json, false)).statusCode()).as("zlib-wrapped").isEqualTo(200);
        assertThat(send(TOKEN, "deflate", deflate(json, true)).statusCode()).as("raw deflate").isEqualTo(200);
        JsonObject submission = Submissions.body(SampleAnswers.fieldTest());
        assertThat(TestServer.await(server.client().post("/api/v1/forms/field-test/submissions").putHeader("Content-Encoding", "gzip")
                .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(gzip(submission.toBuffer().getBytes()))))
                .statusCode()).isEqualTo(201);

        byte[] damaged = gzip(json);
        damaged[damaged.length - 6] ^= 0x55;
        assertThat(code(send(TOKEN, "gzip", damaged))).isEqualTo("request.bad_compression");
        assertThat(code(send(TOKEN, "gzip", Arrays.copyOf(gzip(json), 15)))).as("cut short").isEqualTo("request.bad_compression");
        assertThat(code(send(TOKEN, "gzip", json))).as("not gzip at all").isEqualTo("request.bad_compression");
        HttpResponse<Buffer> brotli = send(TOKEN, "br", json);
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(code(brotli)).isEqualTo("request.unsupported_encoding");
    }

    @Test
    @DisplayName("a 900 KB gzip that inflates to 900 MB, five at a time: 413 within seconds each, and /health keeps answering meanwhile")
    void gzipBombs() {
        assertThat(bomb.length()).isBetween(800_000, 1_000_000);
        WebClient health = server.anonymous();
        List<Long> healthMillis = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            long sent = System.nanoTime();
            List<Future<HttpResponse<Buffer>>> bombs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bombs.add(server.anonymous().post(TOKEN).putHeader("Content-Encoding", "gzip")
                        .putHeader("content-type", "application/json").sendBuffer(bomb));
            }
            Future<?> all = Future.join(bombs);
            do {
                long t0 = System.nanoTime();
                assertThat(TestServer.await(health.get("/health").send()).statusCode()).isEqualTo(200);
                healthMillis.add((System.nanoTime() - t0) / 1_000_000);
            } while (!all.isComplete());
            for (Future<HttpResponse<Buffer>> b : bombs) {
                HttpResponse<Buffer> r = TestServer.await(b);
                assertThat(r.statusCode()).isEqualTo(413);
                assertThat(code(r)).isEqualTo("request.too_large");
            }
            assertThat((System.nanoTime() - sent) / 1_000_000).as("five bombs answered (ms)").isLessThan(8_000);
        }
        // a behaviour check with room for a busy 2-core machine: before, one bomb held /health for 10 s and more
        assertThat(healthMillis).as("/health latencies (ms) while bombs were sent").allMatch(ms -> ms < 3_000);
    }

    private static HttpResponse<Buffer> send(String path, String encoding, byte[] body) {
        return TestServer.await(server.anonymous().post(path).putHeader("Content-Encoding", encoding)
                .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(plain);
        deflater.finish();
        byte[] out = new byte[plain.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** One gzip stream of {@code megabytes} of zeros, as the bomb in the issue: about a thousand to one. */
    private static Buffer gzipOfZeros(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1024 * 1024];
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (int i = 0; i < megabytes; i++) {
                gz.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
