package org.tonle.forms;

import java.util.Locale;

/** The kinds of question a form may contain; group is a container, not a question. */
public enum QuestionType {
    SELECT_ONE, SELECT_MULTIPLE, INTEGER, DECIMAL, TEXT, DATE, NOTE, CALCULATE;

    /** The longest text answer, in characters (code points). */
    public static final int MAX_TEXT_LENGTH = 2000;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a respondent types or picks a value (notes and calculations take none). */
    public boolean takesAnswer() {
        return this != NOTE && this != CALCULATE;
    }

    public boolean hasChoices() {
        return this == SELECT_ONE || this == SELECT_MULTIPLE;
    }

    public static QuestionType fromCode(String code) {
        for (QuestionType t : values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        return null;
    }
}
