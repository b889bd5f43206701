package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.TestServer;

class FormsApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("GET /health answers UP once the embedded store answers")
    void health() {
        HttpResponse<Buffer> r = server.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        assertThat(r.bodyAsJsonObject().getString("store")).isEqualTo("embedded");
    }

    @Test
    @DisplayName("the form list gives each questionnaire's id, version, bilingual title and translation status")
    void list() {
        HttpResponse<Buffer> r = server.get("/api/v1/forms");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("content-type")).isEqualTo("application/json; charset=utf-8");
        JsonArray forms = r.bodyAsJsonArray();
        assertThat(forms.stream().map(f -> ((JsonObject) f).getString("id")))
                .contains("digital-literacy", "disability-access", "gender-digital", "children-online")
                .doesNotContain("profile");
        JsonObject dl = forms.stream().map(JsonObject.class::cast).filter(f -> f.getString("id").equals("digital-literacy"))
                .findFirst().orElseThrow();
        assertThat(dl.getString("version")).isNotBlank();
        assertThat(dl.getJsonObject("title").getString("km")).matches(".*[\\u1780-\\u17FF].*");
        assertThat(dl.getJsonObject("languages").getMap()).containsEntry("en", "reviewed").containsEntry("km", "draft");
    }

    @Test
    @DisplayName("a form definition has the included profile, groups, skip logic and bilingual choices")
    void definition() {
        JsonObject form = server.get("/api/v1/forms/digital-literacy").bodyAsJsonObject();
        JsonArray questions = form.getJsonArray("questions");
        assertThat(questions.getJsonObject(0).getString("name")).isEqualTo("sex");
        String all = questions.encode();
        assertThat(all).contains("\"name\":\"wg_seeing\"", "\"relevant\":\"${internet_use} = 'yes'\"");
        assertThat(form.getJsonObject("choices").getJsonArray("province")).hasSize(25);
        assertThat(form.getJsonObject("choices").getJsonArray("sex").getJsonObject(0).getJsonObject("label").getString("km"))
                .isEqualTo("ស្រី");
        assertThat(form.getString("defaultLanguage")).isEqualTo("km");
    }

    @Test
    @DisplayName("an unknown form is a 404 with the reason in English and Khmer")
    void unknownForm() {
        HttpResponse<Buffer> r = server.get("/api/v1/forms/no-such-form");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("form.not_found");
        assertThat(error.getJsonObject("message").getString("en")).contains("no-such-form");
        assertThat(error.getJsonObject("message").getString("km")).contains("no-such-form").matches(".*[\\u1780-\\u17FF].*");
        assertThat(error.getString("requestId")).isEqualTo(r.getHeader("X-Request-Id"));
    }

    @Test
    @DisplayName("a phone re-checking a form it already has gets 304 Not Modified with no body")
    void etag() {
        HttpResponse<Buffer> first = server.get("/api/v1/forms/children-online");
        String etag = first.getHeader("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        HttpResponse<Buffer> again = server.get("/api/v1/forms/children-online", MultiMap.caseInsensitiveMultiMap()
                .add("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body() == null || again.body().length() == 0).isTrue();
        assertThat(again.getHeader("ETag")).isEqualTo(etag);
        HttpResponse<Buffer> other = server.get("/api/v1/forms/children-online", MultiMap.caseInsensitiveMultiMap()
                .add("If-None-Match", "\"something-else\""));
        assertThat(other.statusCode()).isEqualTo(200);
        HttpResponse<Buffer> list = server.get("/api/v1/forms", MultiMap.caseInsensitiveMultiMap()
                .add("If-None-Match", server.get("/api/v1/forms").getHeader("ETag")));
        assertThat(list.statusCode()).isEqualTo(304);
    }

    @Test
    @DisplayName("definitions are gzip-compressed for clients that accept it, each under 10 KB")
    void gzip() throws IOException {
        for (String id : new String[] {"digital-literacy", "disability-access", "gender-digital", "children-online"}) {
            HttpResponse<Buffer> plain = server.get("/api/v1/forms/" + id);
            HttpResponse<Buffer> zipped = server.get("/api/v1/forms/" + id, MultiMap.caseInsensitiveMultiMap()
                    .add("Accept-Encoding", "gzip"));
            assertThat(zipped.getHeader("Content-Encoding")).isEqualTo("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body().getBytes())).readAllBytes();
            assertThat(Buffer.buffer(unzipped)).isEqualTo(plain.body());
            assertThat(zipped.body().length()).as(id + " gzipped").isLessThan(10 * 1024).isLessThan(plain.body().length() / 3);
        }
    }

    @Test
    @DisplayName("an address that does not exist is a JSON 404, not an HTML page")
    void unknownRoute() {
        HttpResponse<Buffer> r = server.get("/api/v1/nothing-here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("not_found");
    }
}
