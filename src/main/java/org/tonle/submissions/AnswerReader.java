package org.tonle.submissions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.forms.Choice;
import org.tonle.forms.CleanText;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;

/**
 * Reads one raw answer as its question's type: the typed value, or null with the problem added.
 * Every number and date is checked against {@link InputLimits}; text must be {@link CleanText clean}.
 */
final class AnswerReader {

    private static final String NUMBER_TEXT = "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)";

    private final List<FieldProblem> problems;
    private final Instant now;

    AnswerReader(List<FieldProblem> problems, Instant now) {
        this.problems = problems;
        this.now = now;
    }

    /** Typed value of one raw answer, or null when unanswered or refused (then a problem is added). */
    Object read(Question q, Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return null;
        }
        switch (q.type()) {
            case SELECT_ONE:
                return selectOne(q, raw);
            case SELECT_MULTIPLE:
                return selectMultiple(q, raw);
            case INTEGER:
                return integer(q, raw);
            case DECIMAL:
                return decimal(q, raw);
            case DATE:
                return date(q, raw);
            case TEXT:
                return text(q, raw);
            default:
                throw new IllegalStateException("no coercion for " + q.type());
        }
    }

    private Object selectOne(Question q, Object raw) {
        if (!(raw instanceof String s)) {
            return typeError(q, "a single answer code", "លេខកូដចម្លើយតែមួយ");
        }
        String value = KhmerText.nfc(s.strip());
        if (q.choice(value) == null) {
            return refuse(FieldProblem.of(q.name(), ValidationCode.CHOICE, Map.of("value", CleanText.shown(value))));
        }
        return value;
    }

    private Object selectMultiple(Question q, Object raw) {
        List<String> picked = picked(raw);
        if (picked == null) {
            return typeError(q, "a list of answer codes", "បញ្ជីលេខកូដចម្លើយ");
        }
        Set<String> chosen = new LinkedHashSet<>(picked);
        chosen.remove("");
        boolean ok = true;
        for (String value : chosen) {
            Choice c = q.choice(value);
            if (c == null || (c.exclusive() && chosen.size() > 1)) {
                ValidationCode code = c == null ? ValidationCode.CHOICE : ValidationCode.EXCLUSIVE;
                problems.add(FieldProblem.of(q.name(), code, Map.of("value", CleanText.shown(value))));
                ok = false;
            }
        }
        if (!ok || chosen.isEmpty()) {
            return null;
        }
        return q.choices().stream().map(Choice::value).filter(chosen::contains).toList();
    }

    /** The codes of a select_multiple answer: a list of strings, or one space-separated string; null if neither. */
    private static List<String> picked(Object raw) {
        List<String> picked = new ArrayList<>();
        if (raw instanceof String s) {
            picked.addAll(List.of(KhmerText.nfc(s.strip()).split("\\s+")));
        } else if (raw instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    return null;
                }
                picked.add(KhmerText.nfc(s.strip()));
            }
        } else {
            return null;
        }
        return picked;
    }

    private Object integer(Question q, Object raw) {
        BigDecimal n = number(q, raw, "a whole number", "ចំនួនគត់");
        if (n == null) {
            return null;
        }
        if (!InputLimits.integerInRange(n)) {
            return refuse(InputLimits.integerRange(q.name()));
        }
        BigDecimal whole = n.stripTrailingZeros();
        if (whole.scale() > 0) {
            return typeError(q, "a whole number", "ចំនួនគត់");
        }
        return whole.longValueExact();
    }

    private Object decimal(Question q, Object raw) {
        BigDecimal n = number(q, raw, "a number", "លេខ");
        if (n == null) {
            return null;
        }
        if (!InputLimits.decimalInRange(n)) {
            return refuse(InputLimits.decimalRange(q.name()));
        }
        return n.doubleValue() + 0.0; // + 0.0 turns -0.0 into 0.0
    }

    /**
     * A JSON number, or a string of ASCII or Khmer digits with an optional sign and decimal point;
     * null with a problem otherwise. A number too large for a double (1e309 reads as Infinity) or
     * typed with more digits than any answer needs is out of range.
     */
    private BigDecimal number(Question q, Object raw, String expectedEn, String expectedKm) {
        if (raw instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return refuse(outOfRange(q));
        }
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String ascii = raw instanceof String s ? KhmerText.asciiDigits(s.strip()) : "";
        if (ascii.length() > InputLimits.MAX_NUMBER_CHARS && ascii.matches("[-+]?[\\d.]+")) {
            return refuse(outOfRange(q));
        }
        if (ascii.length() <= InputLimits.MAX_NUMBER_CHARS && ascii.matches(NUMBER_TEXT)) {
            return new BigDecimal(ascii);
        }
        return typeError(q, expectedEn, expectedKm);
    }

    private static FieldProblem outOfRange(Question q) {
        return q.type() == QuestionType.INTEGER ? InputLimits.integerRange(q.name()) : InputLimits.decimalRange(q.name());
    }

    private Object date(Question q, Object raw) {
        if (raw instanceof String s) {
            String ascii = KhmerText.asciiDigits(s.strip());
            if (ascii.matches("\\d{4}-\\d{2}-\\d{2}")) {
                try {
                    LocalDate d = LocalDate.parse(ascii);
                    return InputLimits.inWindow(d, now) ? d.toString() : refuse(InputLimits.dateRange(q.name(), now));
                } catch (DateTimeParseException e) {
                    // falls through to the type problem
                }
            }
        }
        return typeError(q, "a date written YYYY-MM-DD", "កាលបរិច្ឆេទតាមទម្រង់ YYYY-MM-DD");
    }

    private Object text(Question q, Object raw) {
        if (!(raw instanceof String s)) {
            return typeError(q, "text", "អត្ថបទ");
        }
        if (!CleanText.isClean(s)) {
            return refuse(FieldProblem.of(q.name(), ValidationCode.FORMAT, Map.of(
                    "what", "The text holds characters that are not allowed: control characters (such as NUL) or broken Unicode.",
                    "what_km", "អត្ថបទនេះមានតួអក្សរដែលមិនអនុញ្ញាត៖ តួអក្សរបញ្ជា (ដូចជា NUL) ឬយូនីកូដខូច។")));
        }
        String value = KhmerText.nfc(s.strip());
        if (value.codePointCount(0, value.length()) > AnswerValidator.MAX_TEXT_LENGTH) {
            return refuse(FieldProblem.of(q.name(), ValidationCode.TOO_LONG,
                    Map.of("max", String.valueOf(AnswerValidator.MAX_TEXT_LENGTH))));
        }
        return value;
    }

    private <T> T typeError(Question q, String expectedEn, String expectedKm) {
        return refuse(FieldProblem.of(q.name(), ValidationCode.TYPE, Map.of("expected", expectedEn, "expected_km", expectedKm)));
    }

    private <T> T refuse(FieldProblem problem) {
        problems.add(problem);
        return null;
    }
}
