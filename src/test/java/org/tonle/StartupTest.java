package org.tonle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.support.ServerProcess;
import org.tonle.support.TestAccounts;
import org.tonle.support.TestServer;

/** Starts that fail say why in plain words, and use up nothing. */
class StartupTest {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("created user 'admin' with password (\\S+)");

    private final Vertx vertx = Vertx.vertx();
    private Path dataDir;
    private Path formsDir;

    @BeforeEach
    void setUp() throws Exception {
        Path home = Files.createTempDirectory("tonle-startup");
        dataDir = home.resolve("data");
        formsDir = TestForms.copyTo(home.resolve("forms"));
    }

    @AfterEach
    void tearDown() {
        TestServer.await(vertx.close());
    }

    @Test
    @DisplayName("a start on a port in use names the port, creates no admin and prints no password; the next start prints one that works")
    void portInUse() throws Exception {
        Map<String, String> randomAdmin = Map.of("TONLE_ADMIN_PASSWORD", "");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServerProcess.Exit exit = ServerProcess.failedStart(dataDir, formsDir, Map.of("TONLE_ADMIN_PASSWORD", "",
                    "TONLE_PORT", String.valueOf(port)));
            assertThat(exit.code()).isNotZero();
            assertThat(exit.text()).contains("port " + port + " on 127.0.0.1 is already in use").doesNotContain("created user");
        }
        ServerProcess server = ServerProcess.start(dataDir, formsDir, randomAdmin);
        Matcher printed = PRINTED_PASSWORD.matcher(String.join("\n", server.output()));
        assertThat(printed.find()).as("the one-time password is printed by the start that succeeds").isTrue();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
        assertThat(TestServer.await(TestAccounts.login(client, "admin", printed.group(1)))).isNotBlank();
        assertThat(server.terminate()).isIn(0, 143);
    }

    @Test
    @DisplayName("a second server on the same data folder says in plain words that another Tonle (which process) is using it; the first carries on")
    void dataFolderInUse() throws Exception {
        ServerProcess first = ServerProcess.start(dataDir, formsDir);
        ServerProcess.Exit second = ServerProcess.failedStart(dataDir, formsDir, Map.of());
        assertThat(second.code()).isNotZero();
        assertThat(second.text()).contains("another Tonle (process " + first.pid() + ") is already using the data folder "
                + dataDir.toAbsolutePath()).doesNotContain("The file is locked");
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(first.port()));
        assertThat(TestServer.await(client.get("/health").send()).statusCode()).isEqualTo(200);
        assertThat(first.terminate()).isIn(0, 143);
    }
}
