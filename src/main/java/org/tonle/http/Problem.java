package org.tonle.http;

import java.util.List;
import java.util.Map;
import org.tonle.submissions.FieldProblem;

/**
 * A failure the client is told about: a catalogue code, the values for its message, and details.
 * Thrown (or passed to {@code ctx.fail}) anywhere; {@link FailureHandler} writes it.
 */
public final class Problem extends RuntimeException {

    private final ProblemCode code;
    private final Map<String, String> params;
    private final List<FieldProblem> details;

    public Problem(ProblemCode code, Map<String, String> params, List<FieldProblem> details) {
        super(code.code(), null, false, false);
        this.code = code;
        this.params = Map.copyOf(params);
        this.details = List.copyOf(details);
    }

    public static Problem of(ProblemCode code) {
        return new Problem(code, Map.of(), List.of());
    }

    public static Problem of(ProblemCode code, String param, String value) {
        return new Problem(code, Map.of(param, value), List.of());
    }

    /** A request that is not valid, with the reason in English and Khmer. */
    public static Problem invalid(String en, String km) {
        return new Problem(ProblemCode.REQUEST_INVALID, Map.of("reason", en, "reason_km", km), List.of());
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, String> params() {
        return params;
    }

    public List<FieldProblem> details() {
        return details;
    }
}
