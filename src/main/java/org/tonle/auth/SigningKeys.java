package org.tonle.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The HMAC keys tokens are signed with, each with a key id ({@code kid}). The first key signs; every
 * key verifies, so a new key can be put first while tokens signed with the old one still work until
 * they expire. Keys come from configuration ({@code kid=base64,...}) or, when none is configured,
 * from {@code secrets/jwt-keys.json} in the data directory, generated on first start with
 * owner-only permissions.
 */
public record SigningKeys(List<Key> keys) {

    public record Key(String kid, String secretBase64) {}

    private static final int SECRET_BYTES = 32;

    public SigningKeys {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is needed");
        }
        keys = List.copyOf(keys);
    }

    public Key current() {
        return keys.get(0);
    }

    /** Blocking: may read or create a file. */
    public static SigningKeys load(Optional<String> configured, Path dataDir) {
        return configured.map(SigningKeys::parse).orElseGet(() -> fromDataDir(dataDir.resolve("secrets").resolve("jwt-keys.json")));
    }

    static SigningKeys parse(String spec) {
        List<Key> keys = new ArrayList<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("TONLE_JWT_KEYS must be kid=base64secret[,kid=base64secret...]");
            }
            String kid = part.substring(0, eq).trim();
            String secret = part.substring(eq + 1).trim();
            if (Base64.getDecoder().decode(secret).length < SECRET_BYTES) {
                throw new IllegalArgumentException("TONLE_JWT_KEYS: key '" + kid + "' is shorter than 32 bytes");
            }
            keys.add(new Key(kid, secret));
        }
        return new SigningKeys(keys);
    }

    private static SigningKeys fromDataDir(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                restrict(file.getParent(), "rwx------");
                byte[] secret = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(secret);
                String kid = LocalDate.now() + "-" + HexFormat.of().formatHex(secret, 0, 3);
                JsonObject json = new JsonObject().put("keys", new JsonArray()
                        .add(new JsonObject().put("kid", kid).put("secret", Base64.getEncoder().encodeToString(secret))));
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, json.encodePrettily(), StandardCharsets.UTF_8);
                restrict(tmp, "rw-------");
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            JsonArray stored = new JsonObject(Files.readString(file, StandardCharsets.UTF_8)).getJsonArray("keys");
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                keys.add(new Key(stored.getJsonObject(i).getString("kid"), stored.getJsonObject(i).getString("secret")));
            }
            return new SigningKeys(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
