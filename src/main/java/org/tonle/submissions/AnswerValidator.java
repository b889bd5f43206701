package org.tonle.submissions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.expr.Evaluator;
import org.tonle.expr.Expression;
import org.tonle.forms.Choice;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;

/**
 * Checks the answers of one submission against its form and produces exactly what may be stored:
 * typed, normalised answers to relevant questions plus the server's calculations, nothing else.
 * Pure: no I/O, no Vert.x; the same input always gives the same result.
 */
public final class AnswerValidator {

    public static final int MAX_TEXT_LENGTH = 2000;

    /** Either the answers to store, or the problems (never both). */
    public record Result(Map<String, Object> answers, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private AnswerValidator() {
    }

    public static Result validate(Form form, Map<String, ?> raw) {
        List<FieldProblem> problems = new ArrayList<>();
        List<FieldProblem> consent = consentProblems(form, raw);
        if (!consent.isEmpty()) {
            return new Result(Map.of(), consent);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String field = e.getKey();
            Question q = form.question(field);
            if (q == null || q.type() == QuestionType.NOTE) {
                problems.add(FieldProblem.of(safeFieldName(field), ValidationCode.UNKNOWN_FIELD,
                        Map.of("field", safeFieldName(field))));
            } else if (q.type() != QuestionType.CALCULATE) {
                Object typed = coerce(q, e.getValue(), problems);
                if (typed != null) {
                    values.put(field, typed);
                }
            }
        }
        Set<String> typeErrors = new LinkedHashSet<>();
        problems.forEach(p -> typeErrors.add(p.field()));
        Evaluator.Scope scope = values::get;
        for (Question calc : form.calculationOrder()) {
            Object v = relevant(calc, scope) ? calc.calculation().evaluate(scope) : null;
            Object stored = storable(v);
            if (stored != null) {
                values.put(calc.name(), stored);
            }
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            Object value = values.get(q.name());
            boolean relevant = relevant(q, scope);
            if (!q.type().takesAnswer()) {
                if (value != null) {
                    answers.put(q.name(), value);
                }
            } else if (!relevant) {
                if (value != null) {
                    problems.add(FieldProblem.of(q.name(), ValidationCode.NOT_RELEVANT));
                }
            } else if (value == null) {
                if (q.required() && !typeErrors.contains(q.name())) {
                    problems.add(FieldProblem.of(q.name(), ValidationCode.REQUIRED));
                }
            } else if (q.constraint() != null && !q.constraint().test(Evaluator.Scope.withCurrent(scope, value))) {
                problems.add(new FieldProblem(q.name(), ValidationCode.CONSTRAINT.code(), q.constraintMessage()));
            } else {
                answers.put(q.name(), value);
            }
        }
        return problems.isEmpty() ? new Result(answers, List.of()) : new Result(Map.of(), problems);
    }

    /** Unless every consent question is answered 'yes', nothing else is even looked at. */
    private static List<FieldProblem> consentProblems(Form form, Map<String, ?> raw) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Question q : form.questions()) {
            if (q.consent()) {
                Object v = raw.get(q.name());
                if (!(v instanceof String s) || !KhmerText.nfc(s.strip()).equals("yes")) {
                    problems.add(FieldProblem.of(q.name(), ValidationCode.CONSENT));
                }
            }
        }
        return problems;
    }

    private static boolean relevant(Question q, Evaluator.Scope scope) {
        for (Expression e : q.relevance()) {
            if (!e.test(scope)) {
                return false;
            }
        }
        return true;
    }

    /** A calculation's value as stored: whole numbers as integers; empty text and NaN as nothing. */
    private static Object storable(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : d;
        }
        if (v instanceof String s && s.isEmpty()) {
            return null;
        }
        return v;
    }

    /** Typed value of one raw answer, or null when unanswered or refused (then a problem is added). */
    private static Object coerce(Question q, Object raw, List<FieldProblem> problems) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return null;
        }
        switch (q.type()) {
            case SELECT_ONE:
                return selectOne(q, raw, problems);
            case SELECT_MULTIPLE:
                return selectMultiple(q, raw, problems);
            case INTEGER:
                return integer(q, raw, problems);
            case DECIMAL:
                return decimal(q, raw, problems);
            case DATE:
                return date(q, raw, problems);
            case TEXT:
                return text(q, raw, problems);
            default:
                throw new IllegalStateException("no coercion for " + q.type());
        }
    }

    private static Object selectOne(Question q, Object raw, List<FieldProblem> problems) {
        if (!(raw instanceof String s)) {
            return typeError(q, problems, "a single answer code", "លេខកូដចម្លើយតែមួយ");
        }
        String value = KhmerText.nfc(s.strip());
        if (q.choice(value) == null) {
            problems.add(FieldProblem.of(q.name(), ValidationCode.CHOICE, Map.of("value", clip(value))));
            return null;
        }
        return value;
    }

    private static Object selectMultiple(Question q, Object raw, List<FieldProblem> problems) {
        List<String> picked = new ArrayList<>();
        if (raw instanceof String s) {
            for (String token : KhmerText.nfc(s.strip()).split("\\s+")) {
                picked.add(token);
            }
        } else if (raw instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    return typeError(q, problems, "a list of answer codes", "បញ្ជីលេខកូដចម្លើយ");
                }
                picked.add(KhmerText.nfc(s.strip()));
            }
        } else {
            return typeError(q, problems, "a list of answer codes", "បញ្ជីលេខកូដចម្លើយ");
        }
        Set<String> chosen = new LinkedHashSet<>(picked);
        chosen.remove("");
        boolean ok = true;
        for (String value : chosen) {
            Choice c = q.choice(value);
            if (c == null) {
                problems.add(FieldProblem.of(q.name(), ValidationCode.CHOICE, Map.of("value", clip(value))));
                ok = false;
            } else if (c.exclusive() && chosen.size() > 1) {
                problems.add(FieldProblem.of(q.name(), ValidationCode.EXCLUSIVE, Map.of("value", value)));
                ok = false;
            }
        }
        if (!ok || chosen.isEmpty()) {
            return null;
        }
        List<String> inChoiceOrder = new ArrayList<>();
        for (Choice c : q.choices()) {
            if (chosen.contains(c.value())) {
                inChoiceOrder.add(c.value());
            }
        }
        return List.copyOf(inChoiceOrder);
    }

    private static Object integer(Question q, Object raw, List<FieldProblem> problems) {
        BigDecimal n = number(raw);
        if (n == null) {
            return typeError(q, problems, "a whole number", "ចំនួនគត់");
        }
        try {
            return n.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return typeError(q, problems, "a whole number", "ចំនួនគត់");
        }
    }

    private static Object decimal(Question q, Object raw, List<FieldProblem> problems) {
        BigDecimal n = number(raw);
        double d = n == null ? Double.NaN : n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return typeError(q, problems, "a number", "លេខ");
        }
        return d;
    }

    /** A JSON number, or a string of ASCII or Khmer digits with an optional sign and decimal point. */
    private static BigDecimal number(Object raw) {
        if (raw instanceof Number n && !(n instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return new BigDecimal(n.toString());
        }
        if (raw instanceof String s) {
            String ascii = KhmerText.asciiDigits(s.strip());
            if (ascii.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                return new BigDecimal(ascii);
            }
        }
        return null;
    }

    private static Object date(Question q, Object raw, List<FieldProblem> problems) {
        if (raw instanceof String s) {
            String ascii = KhmerText.asciiDigits(s.strip());
            if (ascii.matches("\\d{4}-\\d{2}-\\d{2}")) {
                try {
                    return LocalDate.parse(ascii).toString();
                } catch (DateTimeParseException e) {
                    // falls through to the type problem
                }
            }
        }
        return typeError(q, problems, "a date written YYYY-MM-DD", "កាលបរិច្ឆេទតាមទម្រង់ YYYY-MM-DD");
    }

    private static Object text(Question q, Object raw, List<FieldProblem> problems) {
        if (!(raw instanceof String s)) {
            return typeError(q, problems, "text", "អត្ថបទ");
        }
        String value = KhmerText.nfc(s.strip());
        if (value.codePointCount(0, value.length()) > MAX_TEXT_LENGTH) {
            problems.add(FieldProblem.of(q.name(), ValidationCode.TOO_LONG, Map.of("max", String.valueOf(MAX_TEXT_LENGTH))));
            return null;
        }
        return value;
    }

    private static Object typeError(Question q, List<FieldProblem> problems, String expectedEn, String expectedKm) {
        problems.add(FieldProblem.of(q.name(), ValidationCode.TYPE, Map.of("expected", expectedEn, "expected_km", expectedKm)));
        return null;
    }

    /** Field names are echoed back in errors: keep them short and printable. */
    private static String safeFieldName(String field) {
        return clip(field.replaceAll("\\p{Cntrl}", "?"));
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
