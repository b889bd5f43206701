package org.tonle.forms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the YAML files of the forms folder: an editable directory, or the copy shipped in the jar. */
public final class FormSource {

    private FormSource() {
    }

    /** File name to content, sorted by name, for every {@code *.yaml} file directly in {@code dir}. */
    public static Map<String, String> directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FormDefinitionException(java.util.List.of("forms directory " + dir.toAbsolutePath() + " does not exist"));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".yaml") && Files.isRegularFile(p)) {
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read forms from " + dir, e);
        }
        return files;
    }

    /** The forms packaged under {@code forms/} on the class path (inside the jar, or target/classes). */
    public static Map<String, String> classpath() {
        URL anchor = FormSource.class.getClassLoader().getResource("forms/profile.yaml");
        if (anchor == null) {
            throw new FormDefinitionException(java.util.List.of("no forms are packaged (forms/profile.yaml is missing from the class path)"));
        }
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return directory(jar.getPath("/forms"));
                }
            }
            return directory(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the packaged forms", e);
        }
    }
}
