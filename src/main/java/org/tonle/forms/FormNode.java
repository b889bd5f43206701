package org.tonle.forms;

import java.util.List;
import org.tonle.expr.Expression;

/** The shape of a form as a client shows it: questions inside (possibly nested) groups. */
public sealed interface FormNode {

    record QuestionNode(Question question, Expression relevant) implements FormNode {}

    record Group(String name, Text label, Expression relevant, List<FormNode> children) implements FormNode {}
}
