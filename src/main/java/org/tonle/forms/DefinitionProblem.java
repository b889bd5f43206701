package org.tonle.forms;

/**
 * One thing wrong with a form definition, with what it is about, so that whoever shows it can point
 * at the place the author wrote it: a line of a YAML file, or a cell of an XLSForm.
 *
 * @param prefix the file and what in it, as a person reads it ("digital-literacy.yaml: question 'age'")
 * @param subject what the problem is about
 * @param key the key (YAML) or column (XLSForm) at fault, or null for the whole subject
 * @param line for a YAML syntax error, its line (1-based; 0 when not known)
 * @param column for a YAML syntax error, its column (1-based; 0 when not known)
 */
public record DefinitionProblem(String prefix, Subject subject, String key, String message, int line, int column) {

    /** The kinds of thing a problem can be about. */
    public enum Kind { FORM, QUESTION, GROUP, CHOICE_LIST, CHOICE, INDICATOR }

    /** A question, group or indicator by name; a choice by list and value; the form itself with no name. */
    public record Subject(Kind kind, String name, String item) {
        public static final Subject FORM = new Subject(Kind.FORM, null, null);

        public static Subject question(String name) {
            return new Subject(Kind.QUESTION, name, null);
        }

        public static Subject group(String name) {
            return new Subject(Kind.GROUP, name, null);
        }
    }

    public static DefinitionProblem of(String prefix, Subject subject, String key, String message) {
        return new DefinitionProblem(prefix, subject, key, message, 0, 0);
    }

    /** As the server's start-up and {@code CheckForms} print it. */
    @Override
    public String toString() {
        return prefix + ": " + message;
    }
}
