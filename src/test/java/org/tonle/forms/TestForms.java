package org.tonle.forms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shipped forms plus the test-only form, as the loader sees them. */
public final class TestForms {

    private TestForms() {
    }

    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>(FormSource.directory(Path.of("forms")));
        files.putAll(FormSource.directory(Path.of("src/test/resources/test-forms")));
        return files;
    }

    public static Map<String, Form> load() {
        return FormLoader.load(files());
    }

    /** Writes the shipped and test forms into {@code dir}, for a server started with TONLE_FORMS_DIR. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files().entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
