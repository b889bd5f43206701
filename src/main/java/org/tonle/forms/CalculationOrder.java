package org.tonle.forms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** The calculations of a form, ordered so that each follows the calculations it reads; a cycle is reported. */
final class CalculationOrder {

    private final Map<String, Question> questions;
    private final BiConsumer<String, String> cycle;
    private final List<Question> order = new ArrayList<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final Set<String> visiting = new LinkedHashSet<>();

    private CalculationOrder(Map<String, Question> questions, BiConsumer<String, String> cycle) {
        this.questions = questions;
        this.cycle = cycle;
    }

    /** @param cycle told the question that closes a cycle and the cycle ("c1 -> c2 -> c1") */
    static List<Question> of(Map<String, Question> questions, BiConsumer<String, String> cycle) {
        CalculationOrder o = new CalculationOrder(questions, cycle);
        for (Question q : questions.values()) {
            if (q.type() == QuestionType.CALCULATE) {
                o.visit(q);
            }
        }
        return o.order;
    }

    private void visit(Question q) {
        if (done.contains(q.name()) || q.calculation() == null) {
            return;
        }
        if (!visiting.add(q.name())) {
            cycle.accept(q.name(), String.join(" -> ", visiting) + " -> " + q.name());
            return;
        }
        for (String ref : q.calculation().references()) {
            Question dep = questions.get(ref);
            if (dep != null && dep.type() == QuestionType.CALCULATE) {
                visit(dep);
            }
        }
        visiting.remove(q.name());
        done.add(q.name());
        order.add(q);
    }
}
