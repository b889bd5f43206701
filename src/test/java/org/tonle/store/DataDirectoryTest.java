package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.TestForms;
import org.tonle.support.ServerProcess;

/** The data directory holds password hashes and signing keys: only the server's user may read it. */
class DataDirectoryTest {

    /** Without configured keys, the server generates them into the data directory too. */
    private static final Map<String, String> OWN_KEYS = Map.of("TONLE_JWT_KEYS", "");

    @Test
    @DisplayName("a new data directory is 0700 and its files 0600; one left open to others is tightened at start, and the log says so")
    void ownerOnly() throws Exception {
        Path home = Files.createTempDirectory("tonle-datadir");
        Path formsDir = TestForms.copyTo(home.resolve("forms"));
        Path dataDir = home.resolve("data");
        ServerProcess server = ServerProcess.start(dataDir, formsDir, OWN_KEYS);
        assertThat(server.terminate()).isIn(0, 143);
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("tonle.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("secrets/jwt-keys.json"))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("tonle.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dataDir.resolve("secrets/jwt-keys.json"), PosixFilePermissions.fromString("rw-rw-rw-"));
        server = ServerProcess.start(dataDir, formsDir, OWN_KEYS);
        assertThat(server.terminate()).isIn(0, 143);
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("tonle.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("secrets/jwt-keys.json"))).isEqualTo("rw-------");
        assertThat(String.join("\n", server.output()))
                .contains(dataDir.toAbsolutePath() + " was rwxr-xr-x; made it rwx------")
                .contains("tonle.mv.db was rw-r--r--; made it rw-------")
                .contains("jwt-keys.json was rw-rw-rw-; made it rw-------");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
