package org.tonle.submissions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.expr.Evaluator;
import org.tonle.expr.Expression;
import org.tonle.expr.ExpressionException;
import org.tonle.forms.CleanText;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;

/**
 * Checks the answers of one submission against its form and produces exactly what may be stored:
 * typed, normalised answers to relevant questions plus the server's calculations, nothing else.
 * Pure: no I/O, no Vert.x; the same input always gives the same result.
 */
public final class AnswerValidator {

    public static final int MAX_TEXT_LENGTH = QuestionType.MAX_TEXT_LENGTH;

    /** Either the answers to store, or the problems (never both). */
    public record Result(Map<String, Object> answers, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private AnswerValidator() {
    }

    public static Result validate(Form form, Map<String, ?> raw) {
        return validate(form, raw, Instant.now());
    }

    /** {@code now} bounds the dates an answer may give (no later than the next day). */
    public static Result validate(Form form, Map<String, ?> raw, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        AnswerReader reader = new AnswerReader(problems, now);
        List<FieldProblem> consent = consentProblems(form, raw);
        if (!consent.isEmpty()) {
            return new Result(Map.of(), consent);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String field = e.getKey();
            Question q = form.question(field);
            if (q == null || q.type() == QuestionType.NOTE) {
                String shown = CleanText.shown(field);
                problems.add(FieldProblem.of(shown, ValidationCode.UNKNOWN_FIELD, Map.of("field", shown)));
            } else if (q.type() != QuestionType.CALCULATE) {
                Object typed = reader.read(q, e.getValue());
                if (typed != null) {
                    values.put(field, typed);
                }
            }
        }
        try {
            return evaluated(form, values, problems);
        } catch (ExpressionException e) {
            // a loaded form's expressions cannot exceed the limit (FormLoader bounds them); this is the last guard
            return new Result(Map.of(), List.of(FieldProblem.of("answers", ValidationCode.TOO_LONG,
                    Map.of("max", String.valueOf(Expression.MAX_VALUE_LENGTH)))));
        }
    }

    /** Calculations, skip logic and constraints over the typed answers. */
    private static Result evaluated(Form form, Map<String, Object> values, List<FieldProblem> problems) {
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

}
