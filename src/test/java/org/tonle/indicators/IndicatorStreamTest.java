package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/** Live scores over Server-Sent Events, read by a real HTTP client as a dashboard would. */
class IndicatorStreamTest {

    private static TestServer server;
    private static Vertx vertx;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        // enough respondents that the national score is published rather than suppressed
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 40; i++) {
            batch.add(Submissions.body(SampleAnswers.digitalLiteracy()).put("formId", "digital-literacy"));
        }
        server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch));
        Eventually.await("40 counted", 10_000, () -> server.get("/api/v1/indicators/internet_use").bodyAsJsonObject()
                .getJsonObject("estimate").getLong("n", 0L) == 40);
    }

    @AfterAll
    static void stop() {
        TestServer.await(vertx.close());
        server.close();
    }

    /** One SSE event: its id and its JSON data. */
    record Event(String id, JsonObject data) {}

    private static BlockingQueue<Event> subscribe(String query, Map<String, String> headers) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.port())
                .setURI("/api/v1/indicators/stream?" + query);
        headers.forEach(options::putHeader);
        options.putHeader("Authorization", "Bearer " + server.adminToken());
        StringBuilder pending = new StringBuilder();
        // the handler is set on the event loop as the response arrives, so no early event is missed
        HttpClientResponse response = TestServer.await(client.request(options).compose(r -> r.send()).map(r -> {
            r.handler(chunk -> parse(pending, chunk.toString(), events));
            return r;
        }));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
        return events;
    }

    private static void parse(StringBuilder pending, String chunk, BlockingQueue<Event> events) {
        pending.append(chunk);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            String id = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                events.add(new Event(id, new JsonObject(data)));
            }
        }
    }

    private static long n(Event e) {
        return e.data().getJsonObject("estimate").getLong("n", 0L);
    }

    @Test
    @DisplayName("a watching dashboard gets the current score at once, and the new one within a second of a 201")
    void liveUpdate() throws Exception {
        BlockingQueue<Event> events = subscribe("ids=internet_use,mobile_ownership&by=sex", Map.of());
        Event first = events.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.data().getJsonArray("by")).containsExactly("sex");
        Event second = events.poll(5, TimeUnit.SECONDS);
        assertThat(List.of(first.data().getString("id"), second.data().getString("id")))
                .containsExactlyInAnyOrder("internet_use", "mobile_ownership");
        long before = n(first.data().getString("id").equals("internet_use") ? first : second);
        assertThat(before).isEqualTo(40);

        assertThat(server.post("/api/v1/forms/digital-literacy/submissions",
                Submissions.body(SampleAnswers.digitalLiteracy())).statusCode()).isEqualTo(201);
        long acknowledged = System.nanoTime();
        long deadline = acknowledged + TimeUnit.SECONDS.toNanos(1);
        Event update = null;
        while (update == null || !update.data().getString("id").equals("internet_use") || n(update) != before + 1) {
            update = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(update).as("the score including the submission, within 1 s of its 201").isNotNull();
        }
        JsonArray cells = update.data().getJsonArray("cells");
        assertThat(cells.getJsonObject(0).getJsonObject("key").getString("sex")).isEqualTo("female");
        assertThat(update.id()).startsWith("internet_use:");

        BlockingQueue<Event> again = subscribe("ids=internet_use", Map.of("Last-Event-ID", update.id()));
        Event current = again.poll(5, TimeUnit.SECONDS);
        assertThat(current).as("the current state at once on reconnect").isNotNull();
        assertThat(n(current)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("asking the stream for an unknown indicator or breakdown is an error, not an empty stream")
    void badSubscription() {
        assertThat(server.get("/api/v1/indicators/stream?ids=nothing").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/indicators/stream?ids=internet_use&by=colour").statusCode()).isEqualTo(400);
    }
}
