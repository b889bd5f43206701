package org.tonle.submissions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tonle.forms.CleanText;
import org.tonle.forms.Form;

/**
 * Reads the envelope of a submission ({@code instanceId}, {@code answers}, {@code collectedAt},
 * {@code weight}, {@code formVersion}, and in a batch {@code formId}) from a decoded JSON object. Any
 * other key is refused. The form passed in is the version named by {@code formVersion} ({@link FormVersions}).
 */
public final class Envelope {

    private static final Pattern INSTANCE_ID = Pattern.compile(
            "(uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> KEYS = Set.of("formId", "formVersion", "instanceId", "answers", "collectedAt", "weight",
            "replaces", "design");
    private static final Set<String> DESIGN_KEYS = Set.of("stratum", "psu", "household");
    private static final Pattern DESIGN_VALUE = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    /** Either an {@link Incoming} or the problems with the envelope. */
    public record Parsed(Incoming incoming, List<FieldProblem> problems) {}

    private Envelope() {
    }

    /**
     * @param maxWeight the largest design weight accepted ({@code TONLE_MAX_WEIGHT})
     * @param now the time of receipt: {@code collectedAt} may be at most a day later
     */
    @SuppressWarnings("unchecked")
    public static Parsed parse(Form form, Map<String, Object> body, double maxWeight, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                String shown = CleanText.shown(key);
                problems.add(FieldProblem.of(shown, ValidationCode.UNKNOWN_FIELD, Map.of("field", shown)));
            }
        }
        Object id = body.get("instanceId");
        String instanceId = null;
        if (id == null) {
            problems.add(FieldProblem.of("instanceId", ValidationCode.REQUIRED));
        } else if (!(id instanceof String s) || !INSTANCE_ID.matcher(s).matches()) {
            problems.add(format("instanceId", "instanceId must be a UUID made on the device, e.g. uuid:6f1c…",
                    "instanceId ត្រូវតែជា UUID ដែលបង្កើតនៅលើឧបករណ៍ ឧទាហរណ៍ uuid:6f1c…"));
        } else {
            instanceId = normaliseInstanceId(s);
        }
        Object answers = body.get("answers");
        if (answers == null) {
            problems.add(FieldProblem.of("answers", ValidationCode.REQUIRED));
        } else if (!(answers instanceof Map)) {
            problems.add(format("answers", "answers must be an object of question names to answers",
                    "answers ត្រូវតែជាវត្ថុ (object) ដែលភ្ជាប់ឈ្មោះសំណួរទៅនឹងចម្លើយ"));
        }
        Instant collectedAt = collectedAt(body.get("collectedAt"), now, problems);
        double weight = weight(body.get("weight"), maxWeight, problems);
        String replaces = replaces(body.get("replaces"), instanceId, problems);
        Map<String, String> design = design(body.get("design"), problems);
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        Map<String, Object> raw = (Map<String, Object>) answers;
        String hash = contentHash(raw, body.get("collectedAt"), body.get("weight"));
        return new Parsed(new Incoming(form, instanceId, raw, collectedAt, weight, hash, null, replaces, design), List.of());
    }

    /** {@code replaces}: the instance id this submission corrects (OpenRosa's deprecatedID), never its own. */
    private static String replaces(Object value, String instanceId, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !INSTANCE_ID.matcher(s).matches() || normaliseInstanceId(s).equals(instanceId)) {
            problems.add(format("replaces", "replaces must be the instanceId of the submission this one corrects",
                    "replaces ត្រូវតែជា instanceId នៃការបញ្ជូនដែលការបញ្ជូននេះកែតម្រូវ"));
            return null;
        }
        return normaliseInstanceId(s);
    }

    /**
     * {@code design}: the respondent's stratum, PSU and household as a sampling frame gives them
     * (letters, digits, '_' and '-'), which take the place of what the form's design computes.
     */
    private static Map<String, String> design(Object value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        Map<String, String> design = new java.util.LinkedHashMap<>();
        if (value instanceof Map<?, ?> given) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                if (!DESIGN_KEYS.contains(String.valueOf(e.getKey())) || !(e.getValue() instanceof String v)
                        || !DESIGN_VALUE.matcher(v).matches()) {
                    design = null;
                    break;
                }
                design.put((String) e.getKey(), v);
            }
        } else {
            design = null;
        }
        if (design == null) {
            problems.add(format("design", "design must be {\"stratum\", \"psu\", \"household\"}, each letters, digits, '_' or '-'",
                    "design ត្រូវតែជា {\"stratum\", \"psu\", \"household\"} ដែលនីមួយៗជាអក្សរ លេខ '_' ឬ '-'"));
        }
        return design;
    }

    /** One spelling per device id: lower case, with the {@code uuid:} prefix ODK clients use. */
    public static String normaliseInstanceId(String instanceId) {
        return instanceId.toLowerCase(java.util.Locale.ROOT).replaceFirst("^(?!uuid:)", "uuid:");
    }

    private static Instant collectedAt(Object value, Instant now, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            try {
                Instant at = OffsetDateTime.parse(KhmerText.asciiDigits(s.strip())).toInstant();
                if (InputLimits.inWindow(at, now)) {
                    return at;
                }
                problems.add(InputLimits.dateRange("collectedAt", now));
                return null;
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
        }
        problems.add(format("collectedAt", "collectedAt must be an ISO-8601 date and time with its offset, e.g. 2026-11-29T08:30:00+07:00",
                "collectedAt ត្រូវតែជាកាលបរិច្ឆេទ និងម៉ោងតាមទម្រង់ ISO-8601 ឧទាហរណ៍ 2026-11-29T08:30:00+07:00"));
        return null;
    }

    /** The design weight: a JSON number (not text) greater than 0 and at most {@code maxWeight}. */
    private static double weight(Object value, double maxWeight, List<FieldProblem> problems) {
        if (value == null) {
            return 1.0;
        }
        if (!(value instanceof Number n)) {
            problems.add(FieldProblem.of("weight", ValidationCode.TYPE, Map.of(
                    "expected", "a number (without quotes)", "expected_km", "លេខ (គ្មានសញ្ញាសម្រង់)")));
            return 1.0;
        }
        double w = n.doubleValue();
        if (!InputLimits.weightInRange(w, maxWeight)) {
            problems.add(InputLimits.weightRange(maxWeight));
            return 1.0;
        }
        return w;
    }

    private static FieldProblem format(String field, String en, String km) {
        return FieldProblem.of(field, ValidationCode.FORMAT, Map.of("what", en, "what_km", km));
    }

    /** SHA-256 over a canonical form of what the client sent: keys sorted, text NFC, numbers by value. */
    static String contentHash(Map<String, Object> answers, Object collectedAt, Object weight) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> content = new TreeMap<>();
        content.put("answers", answers);
        content.put("collectedAt", collectedAt);
        content.put("weight", weight == null ? 1 : weight);
        canonical(content, sb);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void canonical(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(KhmerText.nfc(String.valueOf(k)), val));
            sorted.forEach((k, val) -> {
                quote(k, sb);
                sb.append(':');
                canonical(val, sb);
                sb.append(',');
            });
            sb.append('}');
        } else if (v instanceof Iterable<?> items) {
            sb.append('[');
            for (Object item : items) {
                canonical(item, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            sb.append(d); // refused by the validators, but the hash is taken first and must not fail
        } else if (v instanceof Number n) {
            sb.append(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else {
            quote(KhmerText.nfc(v.toString()), sb);
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
