package org.tonle.forms;

import java.util.List;

/** The form files are wrong; each problem names the file, the question and the reason. */
public final class FormDefinitionException extends RuntimeException {

    private final List<String> problems;
    private final List<DefinitionProblem> located;

    public FormDefinitionException(List<String> problems) {
        this(problems, List.of());
    }

    public FormDefinitionException(List<String> problems, List<DefinitionProblem> located) {
        super("The form definitions have " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
        this.located = List.copyOf(located);
    }

    public List<String> problems() {
        return problems;
    }

    /** The same problems with what each is about, where the loader knows it. */
    public List<DefinitionProblem> located() {
        return located;
    }
}
