package org.tonle.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.forms.Choice;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;
import org.tonle.http.Responses;

/**
 * Counts and shares per choice of every select question, with the disclosure rules of the
 * indicators (questionnaires.md §6): fewer than 25 answers hides the question; a count with, or
 * without, the choice between 1 and k−1 hides the cell. Once a cell of a question is hidden, its
 * zeros are hidden too: were they shown, a hidden cell could never be 0, and answers 1, 1, 20, 20
 * would give the two hidden cells' total as 2 and so each as 1. In a single-choice question the
 * hidden cells are at least two and add up to at least k, taking the smallest shown counts, so
 * none of them can be worked out from the total.
 */
final class PollTally {

    static final int MIN_N = 25;
    static final int K = 5;

    private PollTally() {
    }

    static JsonObject tally(Poll poll, Collection<Map<String, Object>> responses) {
        JsonArray questions = new JsonArray();
        for (Question q : poll.form().questions()) {
            if (q.type() == QuestionType.SELECT_ONE || q.type() == QuestionType.SELECT_MULTIPLE) {
                questions.add(question(q, responses));
            }
        }
        return new JsonObject().put("code", poll.code()).put("responses", responses.size()).put("questions", questions);
    }

    private static JsonObject question(Question q, Collection<Map<String, Object>> responses) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        q.choices().forEach(c -> counts.put(c.value(), 0));
        int n = 0;
        for (Map<String, Object> answers : responses) {
            Object a = answers.get(q.name());
            if (a instanceof String s && counts.containsKey(s)) {
                counts.merge(s, 1, Integer::sum);
                n++;
            } else if (a instanceof List<?> list && !list.isEmpty()) {
                list.forEach(v -> counts.computeIfPresent(String.valueOf(v), (k, c) -> c + 1));
                n++;
            }
        }
        boolean hidden = n < MIN_N;
        List<String> suppressed = hidden ? new ArrayList<>(counts.keySet()) : primary(counts, n);
        if (!hidden && !suppressed.isEmpty()) {
            counts.forEach((value, c) -> {
                if (c == 0 && !suppressed.contains(value)) {
                    suppressed.add(value);
                }
            });
            if (q.type() == QuestionType.SELECT_ONE) {
                complement(counts, suppressed);
            }
        }
        JsonArray choices = new JsonArray();
        for (Choice c : q.choices()) {
            boolean cellHidden = suppressed.contains(c.value());
            int count = counts.get(c.value());
            choices.add(new JsonObject()
                    .put("value", c.value())
                    .put("label", Responses.text(c.label()))
                    .put("count", cellHidden ? null : count)
                    .put("share", cellHidden ? null : (double) count / n)
                    .put("suppressed", cellHidden));
        }
        return new JsonObject()
                .put("name", q.name())
                .put("label", Responses.text(q.label()))
                .put("type", q.type().name().toLowerCase(java.util.Locale.ROOT))
                .put("n", hidden ? null : n)
                .put("suppressed", hidden)
                .put("choices", choices);
    }

    /** Hides the smallest shown counts until the hidden cells are at least two and add up to at least k. */
    private static void complement(Map<String, Integer> counts, List<String> suppressed) {
        while (suppressed.size() < 2 || suppressed.stream().mapToInt(counts::get).sum() < K) {
            var smallest = counts.entrySet().stream().filter(e -> !suppressed.contains(e.getKey()) && e.getValue() > 0)
                    .min(Comparator.comparingInt(Map.Entry::getValue));
            if (smallest.isEmpty()) {
                return;
            }
            suppressed.add(smallest.get().getKey());
        }
    }

    private static List<String> primary(Map<String, Integer> counts, int n) {
        List<String> out = new ArrayList<>();
        counts.forEach((value, c) -> {
            if (sensitive(c) || sensitive(n - c)) {
                out.add(value);
            }
        });
        return out;
    }

    private static boolean sensitive(int count) {
        return count > 0 && count < K;
    }
}
