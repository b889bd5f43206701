package org.tonle.i18n;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers and dates written the Khmer way inside Khmer text: Khmer digits (០–៩), a comma before
 * decimals (CLDR's km), Khmer month names, a 24-hour clock. The JDK's Khmer locale data writes Latin
 * digits, and phones' browsers may have no Khmer data at all, so both use these rules (the browser's
 * copy is {@code webroot/format.js}; {@code khmer-format-cases.json} holds the cases both must pass).
 */
public final class Khmer {

    private static final String[] MONTHS = {"មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា",
        "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"};
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[-+]\\d{2}:\\d{2})");
    private static final Pattern PLACEHOLDER = Pattern.compile("('?)\\{(\\w+)}('?)");
    /** A word of Khmer prose that is a number or a date (a moment there is an example of a format: it stays). */
    private static final Pattern WORD = Pattern.compile("(?<=^|\\s|\\()([-+]?\\d+(?:\\.\\d+)?|\\d{4}-\\d{2}-\\d{2})(?=$|\\s|[)។,៖])");

    private Khmer() {
    }

    /** ASCII digits as Khmer digits; everything else stays. */
    public static String digits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('០' + (c - '0')) : c);
        }
        return out.toString();
    }

    /** A number written in ASCII (e.g. {@code -1000.5}) in Khmer: {@code -១០០០,៥}. */
    public static String number(String ascii) {
        return digits(ascii.replace('.', ','));
    }

    /** {@code 2026-12-01} as {@code ១ ធ្នូ ២០២៦}. */
    public static String date(LocalDate d) {
        return digits(String.valueOf(d.getDayOfMonth())) + " " + MONTHS[d.getMonthValue() - 1] + " " + digits(String.valueOf(d.getYear()));
    }

    /** A moment as the clock of its own offset shows it: {@code ១ ធ្នូ ២០២៦ ម៉ោង ២៣:០៨}. */
    public static String dateTime(OffsetDateTime t) {
        return date(t.toLocalDate()) + " ម៉ោង " + digits(String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()));
    }

    /**
     * Fills the {name} placeholders of a Khmer message. A value that is a number, a date or a moment
     * (ISO-8601; a moment in UTC, which the messages say) is written the Khmer way, and so are numbers
     * and dates inside Khmer prose given as a {@code *_km} value (a moment there is a format's example). Identifiers stay as they are: a
     * placeholder in quotes ('{id}'), or named {@code id}, {@code …Id} or {@code username}.
     */
    public static String fill(String template, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2);
            String value = params.get(key);
            String filled;
            if (value == null) {
                filled = m.group();
            } else {
                boolean literal = (!m.group(1).isEmpty() && !m.group(3).isEmpty()) || key.equals("id") || key.endsWith("Id") || key.equals("username");
                filled = m.group(1) + (literal ? value : key.endsWith("_km") ? prose(value) : value(value)) + m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(filled));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One value: a number, date or moment in Khmer; anything else as it is. */
    static String value(String v) {
        if (NUMBER.matcher(v).matches()) {
            return number(v);
        }
        try {
            if (DATE.matcher(v).matches()) {
                return date(LocalDate.parse(v));
            }
            if (DATE_TIME.matcher(v).matches()) {
                return dateTime(OffsetDateTime.ofInstant(Instant.from(OffsetDateTime.parse(v)), ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return v;
        }
        return v;
    }

    private static String prose(String text) {
        return WORD.matcher(text).replaceAll(r -> Matcher.quoteReplacement(value(r.group(1))));
    }
}
