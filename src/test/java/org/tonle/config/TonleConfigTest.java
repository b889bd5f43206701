package org.tonle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TonleConfigTest {

    @Test
    @DisplayName("with nothing set, the server listens on 8080 with the embedded store in ./data")
    void defaults() {
        TonleConfig c = TonleConfig.fromMap(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.embedded()).isTrue();
        assertThat(c.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(c.maxBatchItems()).isEqualTo(500);
        assertThat(c.embeddedFsync()).isTrue();
    }

    @Test
    @DisplayName("environment variables override the defaults; a blank MONGO_URI still means the embedded store")
    void overrides() {
        TonleConfig c = TonleConfig.fromMap(Map.of("TONLE_PORT", "9090", "TONLE_DATA_DIR", "/srv/tonle",
                "TONLE_MAX_BODY", "2048", "MONGO_URI", "mongodb://db:27017/?replicaSet=rs0", "TONLE_EMBEDDED_FSYNC", "false"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/tonle"));
        assertThat(c.maxBodyBytes()).isEqualTo(2048);
        assertThat(c.embedded()).isFalse();
        assertThat(c.embeddedFsync()).isFalse();
        assertThat(TonleConfig.fromMap(Map.of("MONGO_URI", "  ")).embedded()).isTrue();
    }

    @Test
    @DisplayName("a bad value stops the start with a message that names the variable")
    void badValues() {
        assertThatThrownBy(() -> TonleConfig.fromMap(Map.of("TONLE_PORT", "eighty"))).hasMessageContaining("TONLE_PORT");
        assertThatThrownBy(() -> TonleConfig.fromMap(Map.of("TONLE_PORT", "70000"))).hasMessageContaining("TONLE_PORT")
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> TonleConfig.fromMap(Map.of("TONLE_MAX_BODY", "10"))).hasMessageContaining("TONLE_MAX_BODY");
        assertThatThrownBy(() -> TonleConfig.fromMap(Map.of("TONLE_EMBEDDED_FSYNC", "maybe")))
                .hasMessageContaining("TONLE_EMBEDDED_FSYNC");
    }
}
