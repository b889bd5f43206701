package org.tonle.forms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tonle.expr.Bounds;
import org.tonle.expr.Expression;

/**
 * Checks of a whole form that need all its questions at once: that no expression can build text
 * longer than {@link Expression#MAX_VALUE_LENGTH} whatever the answers, and that no question's skip
 * logic depends on its own answer (it could never be shown). Problems are returned, each naming
 * where the question is defined.
 */
final class DefinitionChecks {

    private final Map<String, Question> questions;
    private final Function<String, String> where;
    private final Map<String, Long> longest = new HashMap<>();
    private final List<DefinitionProblem> problems = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();

    private DefinitionChecks(Map<String, Question> questions, Function<String, String> where) {
        this.questions = questions;
        this.where = where;
        questions.keySet().forEach(name -> position.put(name, position.size()));
    }

    /** @param where the file and question a problem with question {@code name} is reported at */
    static List<DefinitionProblem> check(Map<String, Question> questions, List<Question> calculationOrder,
            Function<String, String> where) {
        DefinitionChecks checks = new DefinitionChecks(questions, where);
        calculationOrder.forEach(checks::boundCalculation);
        questions.values().forEach(checks::boundConditions);
        questions.values().forEach(q -> {
            if (!checks.selfDependence(q)) {
                checks.askedLater(q);
            }
        });
        return checks.problems;
    }

    private void add(Question q, String key, String message) {
        problems.add(DefinitionProblem.of(where.apply(q.name()), DefinitionProblem.Subject.question(q.name()), key, message));
    }

    /** Calculations come in order, so each one's references are already bounded. */
    private void boundCalculation(Question calc) {
        longest.put(calc.name(), bound(calc, "calculation", calc.calculation(), 0));
    }

    private void boundConditions(Question q) {
        q.relevance().forEach(e -> bound(q, "relevant", e, 0));
        if (q.constraint() != null) {
            bound(q, "constraint", q.constraint(), longestValue(q.name()));
        }
    }

    private long bound(Question q, String key, Expression e, long current) {
        long largest = Bounds.largest(e, this::longestValue, current);
        boolean readsRefused = e.references().stream().anyMatch(r -> longestValue(r) > Expression.MAX_VALUE_LENGTH);
        if (largest > Expression.MAX_VALUE_LENGTH && !readsRefused) { // the first one over the limit is the one to fix
            add(q, key, key + " could build text of " + (largest == Long.MAX_VALUE ? "unbounded"
                    : String.valueOf(largest)) + " characters from the longest answers; at most " + Expression.MAX_VALUE_LENGTH
                    + " are allowed (concat() adds up the lengths of its parts)");
        }
        return Math.min(largest, Expression.MAX_VALUE_LENGTH + 1L);
    }

    /** The longest text a question's value can have, in UTF-16 units. */
    private long longestValue(String name) {
        Question q = questions.get(name);
        if (q == null) {
            return 0;
        }
        switch (q.type()) {
            case TEXT:
                return 2L * QuestionType.MAX_TEXT_LENGTH;
            case SELECT_ONE:
                return q.choices().stream().mapToLong(c -> c.value().length()).max().orElse(0);
            case SELECT_MULTIPLE:
                return q.choices().stream().mapToLong(c -> c.value().length() + 1L).sum();
            case INTEGER, DECIMAL:
                return Bounds.NUMBER_LENGTH;
            case DATE:
                return "2026-12-01".length();
            case CALCULATE:
                return longest.getOrDefault(name, 0L);
            default:
                return 0;
        }
    }

    /**
     * Whether the skip logic of {@code q} (its own or an enclosing group's) reads {@code q}'s
     * answer, directly or through other questions' skip logic or calculations.
     */
    private boolean selfDependence(Question q) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        q.relevance().forEach(e -> todo.addAll(e.references()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals(q.name())) {
                add(q, "relevant", "relevant (its own or an enclosing group's) depends on this question's"
                        + " own answer, so it could never be shown");
                return true;
            }
            Question next = questions.get(name);
            if (next != null && seen.add(name)) {
                next.relevance().forEach(e -> todo.addAll(e.references()));
                if (next.calculation() != null) {
                    todo.addAll(next.calculation().references());
                }
            }
        }
        return false;
    }

    /**
     * Whether the skip logic of {@code q} reads the answer to a question asked after it, directly or
     * through calculations: when {@code q} is shown that answer is not known yet. A calculation may
     * stand anywhere in the form; only the answers it reads must come first.
     */
    private void askedLater(Question q) {
        int at = position.get(q.name());
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        q.relevance().forEach(e -> todo.addAll(e.references()));
        while (!todo.isEmpty()) {
            Question next = questions.get(todo.pop());
            if (next == null || !seen.add(next.name())) {
                continue;
            }
            if (next.type().takesAnswer() && position.get(next.name()) > at) {
                add(q, "relevant", "relevant (its own or an enclosing group's) reads ${" + next.name()
                        + "}, which is asked later in the form, so it is not answered yet when this question is shown");
                return;
            }
            if (next.calculation() != null) {
                todo.addAll(next.calculation().references());
            }
        }
    }
}
