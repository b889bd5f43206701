package org.tonle.exports;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tonle.http.Problem;

/**
 * What an analyst asked to export, from the query string, checked. Dates without a zone are
 * Cambodian time (UTC+7): {@code since=2026-11-01&until=2026-11-30} is the whole of November there,
 * both days included.
 *
 * @param lang how choice answers are written: {@code values} (their codes), {@code en} or {@code km} (their labels)
 * @param states the review states to include (see {@link ReviewStates})
 * @param since the first moment included, or null
 * @param until the first moment no longer included, or null
 * @param byReceived whether since/until apply to receivedAt; otherwise to collectedAt (receivedAt where a phone sent none)
 * @param version only submissions made with this form version, or null
 * @param provinces only these provinces' codes (the {@code province} answer), or empty for all
 * @param split whether a select_multiple question is one 0/1 column per choice rather than one column
 */
public record ExportRequest(String lang, Set<String> states, Instant since, Instant until, boolean byReceived, String version,
        Set<String> provinces, boolean split) {

    static final ZoneId CAMBODIA = ZoneId.of("Asia/Phnom_Penh");
    private static final Set<String> LANGUAGES = Set.of("values", "en", "km");

    /** @param defaultLang the language when none is asked for: values for CSV, English for a workbook */
    static ExportRequest parse(MultiMap query, String defaultLang, Set<String> countedStates) {
        String lang = one(query, "lang", defaultLang);
        if (!LANGUAGES.contains(lang)) {
            throw Problem.invalid("'lang' must be values, en or km", "'lang' ត្រូវតែជា values, en ឬ km");
        }
        String multiple = one(query, "multiple", "split");
        if (!multiple.equals("split") && !multiple.equals("joined")) {
            throw Problem.invalid("'multiple' must be split or joined", "'multiple' ត្រូវតែជា split ឬ joined");
        }
        String dates = one(query, "dates", "collected");
        if (!dates.equals("collected") && !dates.equals("received")) {
            throw Problem.invalid("'dates' must be collected or received", "'dates' ត្រូវតែជា collected ឬ received");
        }
        Instant since = moment(query.get("since"), "since", false);
        Instant until = moment(query.get("until"), "until", true);
        if (since != null && until != null && !since.isBefore(until)) {
            throw Problem.invalid("'since' must come before 'until'", "'since' ត្រូវតែមកមុន 'until'");
        }
        String version = query.get("version");
        return new ExportRequest(lang, states(query.get("states"), countedStates), since, until, dates.equals("received"),
                version == null || version.isBlank() ? null : version.trim(), list(query.get("province")), multiple.equals("split"));
    }

    /** The states named (comma-separated), or those that count when none is named. */
    private static Set<String> states(String raw, Set<String> counted) {
        if (raw == null || raw.isBlank()) {
            return counted;
        }
        Set<String> states = list(raw);
        for (String s : states) {
            if (!ReviewStates.ALL.contains(s)) {
                throw Problem.invalid("'states' may name " + String.join(", ", ReviewStates.ALL) + "; not '" + s + "'",
                        "'states' អាចជា " + String.join(", ", ReviewStates.ALL) + " ប៉ុណ្ណោះ មិនមែន '" + s + "' ទេ");
            }
        }
        return states;
    }

    private static Set<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    /** A date (the start of that day in Cambodia, or of the next day for an end) or a date and time. */
    static Instant moment(String raw, String name, boolean end) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return (end ? day.plusDays(1) : day).atStartOfDay(CAMBODIA).toInstant();
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(s).atZone(CAMBODIA).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw Problem.invalid("'" + name + "' must be a date (2026-11-30) or a date and time (2026-11-30T17:00:00+07:00)",
                    "'" + name + "' ត្រូវតែជាកាលបរិច្ឆេទ (2026-11-30) ឬកាលបរិច្ឆេទ និងម៉ោង (2026-11-30T17:00:00+07:00)");
        }
    }

    private static String one(MultiMap query, String name, String otherwise) {
        List<String> all = query.getAll(name);
        return all.isEmpty() || all.get(0).isBlank() ? otherwise : all.get(0).trim();
    }
}
