package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Eventually;
import org.tonle.support.ServerProcess;
import org.tonle.support.Submissions;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/**
 * A full disk: the server's data directory is on a small tmpfs of its own, filled up by the test.
 * Mounting needs root (CAP_SYS_ADMIN), as on CI here; where mount is refused the test is skipped
 * (an Assumption says why), never passed.
 */
class DiskFullTest {

    private static final String FORM = "/api/v1/forms/field-test/submissions";
    private static final int MOST_SUBMISSIONS = 5000;

    private final Vertx vertx = Vertx.vertx();
    private Path disk;
    private Path formsDir;
    private ServerProcess server;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Path home = Files.createTempDirectory("tonle-diskfull");
        formsDir = TestForms.copyTo(home.resolve("forms"));
        disk = Files.createDirectory(home.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tonle-test", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "skipped: cannot mount a small tmpfs to fill up (needs root with CAP_SYS_ADMIN): " + said);
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.kill();
        }
        if (disk != null) {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("disk full: 503 store.unavailable with Retry-After (never 500), /health DOWN with the reason, and back by itself once space is freed, nothing acknowledged lost")
    void fullDiskIsUnavailableThenRecovers() throws Exception {
        Path dataDir = disk.resolve("data");
        server = ServerProcess.start(dataDir, formsDir);
        WebClient client = client(server.port());
        Set<String> acknowledged = new LinkedHashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(submit(client, acknowledged).statusCode()).isEqualTo(201);
        }
        Path filler = fill(disk.resolve("filler"));

        HttpResponse<Buffer> refused = submitUntilRefused(client, acknowledged);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(code(refused)).isEqualTo("store.unavailable");
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        Eventually.await("/health says DOWN", 30_000, () -> get(client, "/health").statusCode() == 503);
        JsonObject health = get(client, "/health").bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("DOWN");
        assertThat(health.getString("reason")).contains("cannot write");
        // While the disk stays full the store tries to reopen every second, and may succeed when
        // H2 finds a dead chunk inside its own file to write into: then a write is acknowledged,
        // durably, until the file's free space is gone too. Each write is refused with 503 and
        // Retry-After or acknowledged (and then must never be lost), never anything else.
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> r = submit(client, acknowledged);
            assertThat(r.statusCode()).as("a write while the disk is full: %s", r.bodyAsString()).isIn(201, 503);
            if (r.statusCode() == 503) {
                assertThat(r.getHeader("Retry-After")).isNotBlank();
            }
        }
        HttpResponse<Buffer> read = get(client, FORM + "/" + acknowledged.iterator().next());
        assertThat(read.statusCode()).as("a read is 503 too, not 500").isIn(200, 503);

        Files.delete(filler);
        Eventually.await("/health says UP once space is back", 60_000, () -> get(client, "/health").statusCode() == 200);
        for (int i = 0; i < 5; i++) {
            assertThat(submit(client, acknowledged).statusCode()).as("a write after space came back").isEqualTo(201);
        }
        assertThat(new HashSet<>(listAll(client))).as("every acknowledged submission, without a restart").containsAll(acknowledged);

        assertThat(server.terminate()).isIn(0, 143);
        server = ServerProcess.start(dataDir, formsDir);
        assertThat(new HashSet<>(listAll(client(server.port())))).as("and after a restart").containsAll(acknowledged);
    }

    /** Submits until the store refuses; every answer until then is 201 or 503, never anything else. */
    private HttpResponse<Buffer> submitUntilRefused(WebClient client, Set<String> acknowledged) {
        for (int i = 0; i < MOST_SUBMISSIONS; i++) {
            HttpResponse<Buffer> r = submit(client, acknowledged);
            assertThat(r.statusCode()).as("submission %d on a full disk: %s", i, r.bodyAsString()).isIn(201, 503);
            if (r.statusCode() == 503) {
                return r;
            }
        }
        throw new AssertionError(MOST_SUBMISSIONS + " submissions on a full disk were all accepted");
    }

    private static HttpResponse<Buffer> submit(WebClient client, Set<String> acknowledged) {
        JsonObject body = Submissions.body(SampleAnswers.fieldTest());
        HttpResponse<Buffer> r = TestServer.await(client.post(FORM).sendJsonObject(body));
        if (r.statusCode() == 201) {
            acknowledged.add(body.getString("instanceId"));
        }
        return r;
    }

    /** Writes until the file system says it is full. */
    private static Path fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left");
        }
        return filler;
    }

    private static List<String> listAll(WebClient client) {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = get(client, FORM + "?limit=1000" + (next == null ? "" : "&after=" + next)).bodyAsJsonObject();
            page.getJsonArray("submissions").forEach(s -> ids.add(((JsonObject) s).getString("instanceId")));
            next = page.getString("next");
        } while (next != null);
        return ids;
    }

    private static HttpResponse<Buffer> get(WebClient client, String path) {
        return TestServer.await(client.get(path).send());
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }

    private WebClient client(int port) {
        return TestAccounts.admin(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)));
    }
}
