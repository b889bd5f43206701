package org.tonle.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds password hashes (in the store file) and token signing keys, so only
 * its owner may read it: it is created 0700 and its files 0600, and a directory or file found open
 * to others at start-up is tightened, with a log line saying so. Blocking.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or makes it and everything in it owner-only. */
    public static void prepare(Path dir) {
        try {
            if (!posix(dir)) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            List<Path> all;
            try (Stream<Path> paths = Files.walk(dir)) {
                all = paths.filter(p -> !Files.isSymbolicLink(p)).toList();
            }
            for (Path p : all) {
                tighten(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or secure the data directory " + dir.toAbsolutePath(), e);
        }
    }

    /** Creates an empty owner-only file, if there is none yet, for a library that would create it readable by all. */
    static void createOwnerOnly(Path file) {
        if (!posix(file.getParent())) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // tightened by prepare()
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.toAbsolutePath(), e);
        }
    }

    /**
     * The process holding a lock on {@code file}, where the system says (Linux lists locks in
     * /proc/locks by inode): so a second server can name the one already using the directory.
     */
    static Optional<Long> lockHolder(Path file) {
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino");
            try (Stream<String> locks = Files.lines(Path.of("/proc/locks"))) {
                return locks.map(line -> line.trim().split("\\s+"))
                        .filter(f -> f.length > 5 && f[5].endsWith(inode) && !f[4].equals("-1"))
                        .map(f -> Long.parseLong(f[4]))
                        .findFirst();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Takes away every permission of group and others; the owner's stay as they are. */
    private static void tighten(Path path) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> ownerOnly = EnumSet.noneOf(PosixFilePermission.class);
        actual.stream().filter(p -> p.name().startsWith("OWNER_")).forEach(ownerOnly::add);
        if (!actual.equals(ownerOnly)) {
            Files.setPosixFilePermissions(path, ownerOnly);
            log.warn("{} was {}; made it {}: it holds password hashes or keys, only the server's user may read it",
                    path.toAbsolutePath(), PosixFilePermissions.toString(actual), PosixFilePermissions.toString(ownerOnly));
        }
    }

    private static boolean posix(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
