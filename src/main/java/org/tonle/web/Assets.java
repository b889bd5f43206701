package org.tonle.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the browser screens, read once from the jar and named by their content. Every
 * reference from one file to another ({@code "/style.css"}, {@code './common.js'}) is served as
 * {@code /style.css?v=HASH}, where HASH is taken from the bytes served, references included: a file
 * changes its name whenever it or anything it loads changes, and only then. So a phone may keep
 * such a file for a year, and the same release always has the same names and entity tags, after a
 * restart and on every process behind a load balancer. Pages, the service worker and the manifest
 * keep their plain names and are revalidated.
 */
final class Assets {

    /** A file as served: its bytes (references versioned), and the hash that names it. */
    record Asset(String name, Buffer body, String hash) {

        String etag() {
            return "\"" + hash + "\"";
        }
    }

    static final String CHART_JS = "vendor/chart.umd.js";
    private static final String CHART_JS_IN_JAR = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    /** A quoted absolute or relative reference to a versionable file of webroot (or to Chart.js). */
    private static final Pattern REFERENCE = Pattern.compile(
            "([\"'])(\\.?/)((?:vendor/)?[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(?:js|css|svg|png))\\1");
    /** Files whose name must not change: the service worker is registered under its name. */
    private static final Set<String> PLAIN_NAMES = Set.of("sw.js");
    private static final Set<String> TEXT = Set.of("html", "js", "css", "webmanifest");

    private final Vertx vertx;
    private final Map<String, Future<Asset>> loaded = new ConcurrentHashMap<>();

    Assets(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The file {@code name} of webroot (e.g. {@code app.js}); null when there is none. */
    Future<Asset> get(String name) {
        return get(name, Set.of());
    }

    private Future<Asset> get(String name, Set<String> loading) {
        Future<Asset> known = loaded.get(name);
        if (known != null) {
            return known;
        }
        Future<Asset> fresh = read(name).compose(bytes -> bytes == null ? Future.succeededFuture(null) : version(name, bytes, loading));
        Future<Asset> raced = loaded.putIfAbsent(name, fresh);
        fresh.onFailure(e -> loaded.remove(name, fresh));
        return raced != null ? raced : fresh;
    }

    private Future<byte[]> read(String name) {
        String path = name.equals(CHART_JS) ? CHART_JS_IN_JAR : "webroot/" + name;
        return vertx.executeBlocking(() -> {
            try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
                return in == null ? null : in.readAllBytes();
            }
        }, false);
    }

    /** Rewrites the references of a text file to the versioned names of their targets, then hashes the result. */
    private Future<Asset> version(String name, byte[] bytes, Set<String> loading) {
        if (name.equals(CHART_JS) || !TEXT.contains(WebRoutes.extension(name))) {
            return Future.succeededFuture(new Asset(name, Buffer.buffer(bytes), hash(bytes)));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Set<String> inner = new HashSet<>(loading);
        inner.add(name);
        List<String> targets = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String target = m.group(3);
            if (!PLAIN_NAMES.contains(target) && !inner.contains(target) && !targets.contains(target)) {
                targets.add(target);
            }
        }
        List<Future<Asset>> pending = targets.stream().map(t -> get(t, inner)).toList();
        return Future.all(pending).map(all -> {
            Map<String, String> hashes = new java.util.HashMap<>();
            for (Future<Asset> f : pending) {
                if (f.result() != null) {
                    hashes.put(f.result().name(), f.result().hash());
                }
            }
            String rewritten = REFERENCE.matcher(text).replaceAll(r -> {
                String hash = hashes.get(r.group(3));
                return Matcher.quoteReplacement(hash == null ? r.group()
                        : r.group(1) + r.group(2) + r.group(3) + "?v=" + hash + r.group(1));
            });
            byte[] out = rewritten.getBytes(StandardCharsets.UTF_8);
            return new Asset(name, Buffer.buffer(out), hash(out));
        });
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
