package org.tonle.forms;

import java.util.List;

/** The form files are wrong; each problem names the file, the question and the reason. */
public final class FormDefinitionException extends RuntimeException {

    private final List<String> problems;

    public FormDefinitionException(List<String> problems) {
        super("The form definitions have " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
