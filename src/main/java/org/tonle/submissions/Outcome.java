package org.tonle.submissions;

import java.util.List;

/**
 * What became of one submission. Problems are set only for {@link Status#REJECTED}; the cause
 * only for {@link Status#FAILED}, a document the store refused although it passed validation.
 */
public record Outcome(Status status, String formId, String instanceId, List<FieldProblem> problems, Throwable cause) {

    /** REFUSED: refused as a whole for the problem in {@code cause} (e.g. replacing a version that is not current). */
    public enum Status { ACCEPTED, DUPLICATE, CONFLICT, REJECTED, FAILED, REFUSED }

    static Outcome of(Status status, Incoming in) {
        return new Outcome(status, in.form().id(), in.instanceId(), List.of(), null);
    }

    static Outcome rejected(Incoming in, List<FieldProblem> problems) {
        return new Outcome(Status.REJECTED, in.form().id(), in.instanceId(), List.copyOf(problems), null);
    }

    static Outcome refused(Incoming in, org.tonle.http.Problem problem) {
        return new Outcome(Status.REFUSED, in.form().id(), in.instanceId(), List.of(), problem);
    }

    static Outcome failed(Incoming in, Throwable cause) {
        return new Outcome(Status.FAILED, in.form().id(), in.instanceId(), List.of(), cause);
    }
}
