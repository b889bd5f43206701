package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tonle.support.TestServer;

/** A second version of digital-literacy, and uploading drafts, for tests that publish one. */
public final class FormChanges {

    private FormChanges() {
    }

    public static final String V1 = "2026-11-29";
    public static final String V2 = "2026-12-05";
    private static final String NEW_QUESTION = """
              - name: uses_email
                type: select_one
                choices: yes_no
                required: true
                label: {en: "In the last 3 months, have you sent or read e-mail?", km: "ក្នុងរយៈពេល ៣ ខែចុងក្រោយនេះ តើអ្នកបានផ្ញើ ឬអានអ៊ីមែលដែរឬទេ?"}
            choices:
            """;

    /** digital-literacy as shipped, with a newer version and one more required question. */
    public static String secondVersion() throws IOException {
        String shipped = Files.readString(Path.of("forms", "digital-literacy.yaml"));
        String v2 = shipped.replace("version: \"" + V1 + "\"", "version: \"" + V2 + "\"").replaceFirst("\nchoices:\n", "\n" + NEW_QUESTION);
        assertThat(v2).contains("uses_email", V2);
        return v2;
    }

    public static HttpResponse<Buffer> upload(TestServer server, String path, String contentType, byte[] body) {
        return TestServer.await(server.client().post(path).putHeader("content-type", contentType).sendBuffer(Buffer.buffer(body)));
    }

}
