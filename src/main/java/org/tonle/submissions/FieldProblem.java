package org.tonle.submissions;

import java.util.Map;
import org.tonle.forms.Text;

/** One refused field: which, the stable code, and the message in every language. */
public record FieldProblem(String field, String code, Text message) {

    public static FieldProblem of(String field, ValidationCode code) {
        return new FieldProblem(field, code.code(), code.message(Map.of()));
    }

    public static FieldProblem of(String field, ValidationCode code, Map<String, String> params) {
        return new FieldProblem(field, code.code(), code.message(params));
    }
}
