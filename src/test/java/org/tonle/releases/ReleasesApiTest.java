package org.tonle.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/** Making releases and reading them: numbers, shapes, who may do what. */
class ReleasesApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        List<Adult> people = Adult.survey(7, new String[] {"12", "17", "02", "24"}, new int[] {90, 70, 50, 20});
        Adult.submit(server, people);
        Eventually.await("every adult counted", 20_000, () -> server.get("/api/v1/indicators/internet_use")
                .bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L) == people.size());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonObject release(TestServer server, String en) {
        HttpResponse<Buffer> made = server.post("/api/v1/releases", new JsonObject().put("title",
                new JsonObject().put("en", en).put("km", "ការចេញផ្សាយ " + en)));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        return made.bodyAsJsonObject();
    }

    @Test
    @DisplayName("an admin makes numbered releases; anyone lists them and reads the latest in the live API's shape, rounded and only 'withheld'")
    void makeAndRead() {
        int first = release(server, "First").getInteger("number");
        JsonObject second = release(server, "Second");
        assertThat(second.getInteger("number")).isEqualTo(first + 1);
        assertThat(second.getJsonObject("title").getString("km")).isEqualTo("ការចេញផ្សាយ Second");
        WebClient anyone = server.anonymous();
        JsonArray list = TestServer.await(anyone.get("/api/v1/releases").send()).bodyAsJsonObject().getJsonArray("releases");
        assertThat(list.getJsonObject(0).getInteger("number")).isEqualTo(first + 1);
        assertThat(list.getJsonObject(0).fieldNames()).doesNotContain("createdBy", "state");
        JsonObject latest = TestServer.await(anyone.get("/api/v1/releases/latest").send()).bodyAsJsonObject();
        assertThat(latest.getJsonArray("categories")).isNotEmpty();
        JsonObject score = TestServer.await(anyone.get("/api/v1/releases/latest/indicators/internet_use?by=sex,province").send())
                .bodyAsJsonObject();
        assertThat(score.getString("id")).isEqualTo("internet_use");
        assertThat(score.getJsonObject("release").getInteger("number")).isEqualTo(first + 1);
        assertThat(score.getJsonArray("cells")).isNotEmpty();
        for (Object o : score.getJsonArray("cells").add(score.getJsonObject("estimate"))) {
            JsonObject cell = (JsonObject) o;
            if (cell.getBoolean("suppressed")) {
                assertThat(cell.getString("reason")).isEqualTo("withheld");
                assertThat(cell.fieldNames()).doesNotContain("value", "n", "weightedN");
            } else {
                assertThat(cell.getLong("n") % 5).as(cell.encode()).isZero();
                assertThat(cell.getDouble("weightedN") % 100).as(cell.encode()).isZero();
                assertThat(cell.getDouble("value") * 10).as(cell.encode()).isEqualTo((double) Math.round(cell.getDouble("value") * 10));
            }
        }
        assertThat(TestServer.await(anyone.get("/api/v1/releases/" + first + "/indicators/internet_use").send()).statusCode()).isEqualTo(200);
        assertThat(TestServer.await(anyone.get("/api/v1/releases/999/indicators/internet_use").send()).bodyAsJsonObject()
                .getJsonObject("error").getString("code")).isEqualTo("release.not_found");
    }

    @Test
    @DisplayName("a viewer reads releases, never the live tables; a release needs a bilingual title")
    void viewer() {
        WebClient viewer = server.as("board1", "viewer");
        assertThat(TestServer.await(viewer.get("/api/v1/indicators/internet_use").send()).statusCode()).isEqualTo(403);
        assertThat(TestServer.await(viewer.post("/api/v1/releases").sendJsonObject(new JsonObject()
                .put("title", new JsonObject().put("en", "x").put("km", "x")))).statusCode()).isEqualTo(403);
        release(server, "For the board");
        assertThat(TestServer.await(viewer.get("/api/v1/releases/latest/indicators/internet_use?by=province").send()).statusCode())
                .isEqualTo(200);
        HttpResponse<Buffer> noKhmer = server.post("/api/v1/releases", new JsonObject().put("title", new JsonObject().put("en", "x")));
        assertThat(noKhmer.statusCode()).isEqualTo(400);
    }
}
