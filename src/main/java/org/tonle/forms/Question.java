package org.tonle.forms;

import java.util.List;
import org.tonle.expr.Expression;

/**
 * One question, flattened out of its groups: {@code relevance} holds the skip-logic conditions of
 * every enclosing group and of the question itself, all of which must hold.
 */
public record Question(
        String name,
        QuestionType type,
        Text label,
        Text hint,
        boolean required,
        List<Expression> relevance,
        Expression constraint,
        Text constraintMessage,
        Expression calculation,
        String choiceListName,
        List<Choice> choices,
        boolean consent,
        boolean sensitive) {

    public Choice choice(String value) {
        for (Choice c : choices) {
            if (c.value().equals(value)) {
                return c;
            }
        }
        return null;
    }
}
