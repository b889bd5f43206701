package org.tonle.submissions;

import java.util.List;

/** What became of one submission. Problems are set only for {@link Status#REJECTED}. */
public record Outcome(Status status, String formId, String instanceId, List<FieldProblem> problems) {

    public enum Status { ACCEPTED, DUPLICATE, CONFLICT, REJECTED }

    static Outcome of(Status status, Incoming in) {
        return new Outcome(status, in.form().id(), in.instanceId(), List.of());
    }

    static Outcome rejected(Incoming in, List<FieldProblem> problems) {
        return new Outcome(Status.REJECTED, in.form().id(), in.instanceId(), List.copyOf(problems));
    }
}
