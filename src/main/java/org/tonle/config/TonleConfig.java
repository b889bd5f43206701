package org.tonle.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server can be told, built once at start-up from defaults and environment
 * variables (the README lists them). Invalid values stop the start with a message naming the variable.
 */
public record TonleConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> mongoUri,
        String database,
        long maxBodyBytes,
        Optional<Path> formsDir,
        long formsRefreshMillis,
        boolean embeddedFsync,
        int maxBatchItems,
        double maxWeight,
        long writerTimeoutMillis,
        long recomputeMaxSubmissions,
        long selfCheckPerMinute,
        long selfCheckIntervalMillis,
        long trashDays,
        long purgeIntervalMillis,
        Security security) {

    /**
     * Accounts, tokens and abuse limits. {@code jwtKeys} is {@code kid=base64secret,...} (the first
     * signs, all verify); when empty, a key generated into the data directory is used.
     */
    public record Security(
            Optional<String> adminPassword,
            Optional<String> jwtKeys,
            long tokenHours,
            List<String> corsOrigins,
            Optional<String> publicUrl,
            int pollResponsesPerMinute,
            int loginFailuresPerWindow,
            long requestTimeoutMillis) {
    }

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** The largest survey design weight a submission may carry (one respondent standing for a million). */
    public static final double DEFAULT_MAX_WEIGHT = 1e6;

    public static TonleConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static TonleConfig fromMap(Map<String, String> env) {
        return new TonleConfig(
                env.getOrDefault("TONLE_HOST", "0.0.0.0"),
                (int) integer(env, "TONLE_PORT", DEFAULT_PORT, 0, 65535),
                Path.of(env.getOrDefault("TONLE_DATA_DIR", "data")),
                Optional.ofNullable(blankToNull(env.get("MONGO_URI"))),
                env.getOrDefault("TONLE_MONGO_DB", "tonle"),
                integer(env, "TONLE_MAX_BODY", DEFAULT_MAX_BODY, 1024, 64L * 1024 * 1024),
                Optional.ofNullable(blankToNull(env.get("TONLE_FORMS_DIR"))).map(Path::of),
                integer(env, "TONLE_FORMS_REFRESH_MS", 1000, 100, 3_600_000),
                bool(env, "TONLE_EMBEDDED_FSYNC", true),
                (int) integer(env, "TONLE_MAX_BATCH", 500, 1, 5000),
                decimal(env, "TONLE_MAX_WEIGHT", DEFAULT_MAX_WEIGHT, 1, 1e9),
                integer(env, "TONLE_WRITER_TIMEOUT_MS", 30_000, 600, 3_600_000),
                integer(env, "TONLE_RECOMPUTE_MAX", defaultRecomputeMax(env), 0, Long.MAX_VALUE),
                integer(env, "TONLE_SELFCHECK_PER_MINUTE", 30_000, 0, 100_000_000),
                integer(env, "TONLE_SELFCHECK_INTERVAL_MS", 60_000, 100, 86_400_000),
                integer(env, "TONLE_TRASH_DAYS", 30, 0, 3650),
                integer(env, "TONLE_PURGE_INTERVAL_MS", 3_600_000, 100, 86_400_000),
                security(env));
    }

    private static Security security(Map<String, String> env) {
        String origins = env.getOrDefault("TONLE_CORS_ORIGINS", "");
        return new Security(
                Optional.ofNullable(blankToNull(env.get("TONLE_ADMIN_PASSWORD"))),
                Optional.ofNullable(blankToNull(env.get("TONLE_JWT_KEYS"))),
                integer(env, "TONLE_TOKEN_HOURS", 12, 1, 24 * 30),
                java.util.Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList(),
                Optional.ofNullable(blankToNull(env.get("TONLE_PUBLIC_URL"))).map(u -> u.replaceAll("/+$", "")),
                (int) integer(env, "TONLE_POLL_RATE", 20, 1, 100_000),
                (int) integer(env, "TONLE_LOGIN_FAILURES", 5, 1, 1000),
                integer(env, "TONLE_REQUEST_TIMEOUT_MS", 30_000, 1000, 3_600_000));
    }

    /**
     * Recompute first lists every submission's id, which the embedded store answers with the whole
     * list in memory: allow about 1 KB of heap per submission; with MongoDB there is no limit.
     */
    private static long defaultRecomputeMax(Map<String, String> env) {
        return blankToNull(env.get("MONGO_URI")) != null ? 0 : Runtime.getRuntime().maxMemory() / 1024;
    }

    public boolean embedded() {
        return mongoUri.isEmpty();
    }

    private static long integer(Map<String, String> env, String name, long fallback, long min, long max) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + "=" + raw + " is out of range " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + raw + " is not a whole number", e);
        }
    }

    private static double decimal(Map<String, String> env, String name, double fallback, double min, double max) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(name + "=" + raw + " is out of range " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + raw + " is not a number", e);
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return fallback;
        }
        switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes":
                return true;
            case "false", "0", "no":
                return false;
            default:
                throw new IllegalArgumentException(name + "=" + raw + " must be true or false");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
