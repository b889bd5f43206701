package org.tonle.submissions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tonle.http.Problem;

/**
 * Which submissions of a form a bulk action applies to: {@code instanceIds} (a list),
 * {@code submittedBy} (a user id), {@code from}/{@code to} (ISO dates, on {@code collectedAt}, or
 * on {@code receivedAt} with {@code "dateField": "receivedAt"}), {@code province}, {@code state}
 * (the current review state); all given keys must hold; a bare date counts in full (to=2026-12-01
 * includes that day, in UTC). {@code team}, when set, limits it further
 * to what a supervisor's team submitted.
 */
public record Selection(List<String> instanceIds, String submittedBy, Instant from, Instant to, String dateField,
        String province, ReviewState state, Set<String> team) {

    private static final Set<String> KEYS = Set.of("instanceIds", "submittedBy", "from", "to", "dateField", "province", "state");
    static final int MAX_IDS = 10_000;

    /** From a request's {@code filter}; 400 with the reason for anything else. */
    static Selection parse(JsonObject filter) {
        if (filter == null) {
            throw Problem.invalid("a bulk action needs a 'filter'", "សកម្មភាពជាក្រុមត្រូវការ 'filter'");
        }
        for (String key : filter.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw Problem.invalid("unknown filter key '" + key + "'; known: " + KEYS, "គន្លឹះតម្រង '" + key + "' មិនស្គាល់");
            }
        }
        List<String> ids = null;
        if (filter.getValue("instanceIds") != null) {
            if (!(filter.getValue("instanceIds") instanceof JsonArray list) || list.size() > MAX_IDS
                    || list.stream().anyMatch(i -> !(i instanceof String))) {
                throw Problem.invalid("'instanceIds' must be a list of at most " + MAX_IDS + " instance ids",
                        "'instanceIds' ត្រូវតែជាបញ្ជី instance id យ៉ាងច្រើន " + MAX_IDS);
            }
            ids = new ArrayList<>();
            for (Object id : list) {
                ids.add(Envelope.normaliseInstanceId((String) id));
            }
        }
        String dateField = text(filter, "dateField");
        if (dateField != null && !dateField.equals("receivedAt") && !dateField.equals("collectedAt")) {
            throw Problem.invalid("'dateField' is collectedAt (the default) or receivedAt", "'dateField' គឺ collectedAt ឬ receivedAt");
        }
        ReviewState state = null;
        if (filter.getValue("state") != null) {
            state = ReviewState.parse(filter.getValue("state")).orElseThrow(() -> Problem.invalid(
                    "'state' is one of received, approved, on_hold, rejected", "'state' គឺ received, approved, on_hold ឬ rejected"));
        }
        return new Selection(ids, text(filter, "submittedBy"), instant(filter, "from", false), instant(filter, "to", true),
                dateField == null ? "collectedAt" : dateField, text(filter, "province"), state, null);
    }

    Selection withinTeam(Set<String> team) {
        return new Selection(instanceIds, submittedBy, from, to, dateField, province, state, team);
    }

    /** The store query (besides the form and the trash): on MongoDB it can use indexes, the embedded store scans. */
    JsonObject query() {
        JsonObject q = new JsonObject();
        if (submittedBy != null) {
            q.put("submittedBy.id", submittedBy);
        }
        if (team != null) {
            JsonArray members = new JsonArray(new ArrayList<>(team));
            q.put("submittedBy.id", submittedBy == null ? new JsonObject().put("$in", members)
                    : team.contains(submittedBy) ? submittedBy : new JsonObject().put("$in", new JsonArray()));
        }
        JsonObject range = new JsonObject();
        if (from != null) {
            range.put("$gte", new JsonObject().put("$date", from.toString()));
        }
        if (to != null) {
            range.put("$lte", new JsonObject().put("$date", to.toString()));
        }
        if (!range.isEmpty()) {
            q.put(dateField, range);
        }
        if (province != null) {
            q.put("answers.province", province);
        }
        if (instanceIds != null) {
            q.put("instanceId", new JsonObject().put("$in", new JsonArray(new ArrayList<>(instanceIds))));
        }
        if (state == ReviewState.RECEIVED) {
            // a submission nobody has reviewed yet has no review at all
            q.put("$or", new JsonArray().add(new JsonObject().put("review", new JsonObject().put("$exists", false)))
                    .add(new JsonObject().put("review.state", state.code())));
        } else if (state != null) {
            q.put("review.state", state.code());
        }
        return q;
    }

    /**
     * The filter of a list's address ({@code ?province=12&state=rejected}): the same keys as a bulk
     * action's but {@code instanceIds}; empty values are left out, as a form's empty fields send them.
     */
    static Selection fromQuery(io.vertx.core.MultiMap params) {
        JsonObject filter = new JsonObject();
        for (String key : KEYS) {
            String value = params.get(key);
            if (!key.equals("instanceIds") && value != null && !value.isBlank()) {
                filter.put(key, value.strip());
            }
        }
        return parse(filter);
    }

    private static String text(JsonObject filter, String key) {
        Object v = filter.getValue(key);
        if (v != null && !(v instanceof String)) {
            throw Problem.invalid("'" + key + "' must be text", "'" + key + "' ត្រូវតែជាអត្ថបទ");
        }
        return (String) v;
    }

    /** A moment; a bare date is its start, or with {@code endOfDay} its last millisecond (so 'to' includes the day). */
    private static Instant instant(JsonObject filter, String key, boolean endOfDay) {
        String v = text(filter, key);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                Instant start = Instant.parse(v + "T00:00:00Z");
                return endOfDay ? start.plusSeconds(86_400).minusMillis(1) : start;
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalid("'" + key + "' must be an ISO date such as 2026-12-01 or 2026-12-01T08:00:00+07:00",
                    "'" + key + "' ត្រូវតែជាកាលបរិច្ឆេទ ISO ដូចជា 2026-12-01");
        }
    }
}
