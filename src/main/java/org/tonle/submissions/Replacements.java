package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.tonle.audit.Audit;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * A correction sent from a phone as a new submission naming the one it replaces ({@code replaces},
 * OpenRosa's deprecatedID): the same rules as any correction, and only the current version may be
 * replaced. Its new instance id is claimed first, so that a retry is a duplicate, and a retry after a
 * crash half-way finishes the correction.
 */
final class Replacements {

    private final LifecycleStore store;
    private final Corrections corrections;

    Replacements(LifecycleStore store, Corrections corrections) {
        this.store = store;
        this.corrections = corrections;
    }

    Future<Outcome> replace(Incoming in) {
        String formId = in.form().id();
        return store.byInstance(formId, in.replaces()).compose(doc -> {
            if (doc == null) {
                return refused(in, Problem.of(ProblemCode.NOT_FOUND));
            }
            String submitter = doc.getJsonObject("submittedBy", new JsonObject()).getString("id");
            if (in.submitter() != null && !in.submitter().id().equals(submitter) && !in.submitter().admin()) {
                return refused(in, Problem.of(ProblemCode.AUTH_FORBIDDEN));
            }
            String current = doc.getString("currentInstanceId", doc.getString("instanceId"));
            if (current.equals(in.instanceId())) {
                return Future.succeededFuture(Outcome.of(Outcome.Status.DUPLICATE, in));
            }
            if (!current.equals(in.replaces())) {
                return refused(in, new Problem(ProblemCode.SUBMISSION_NOT_CURRENT, Map.of("instanceId", in.replaces(),
                        "current", current), java.util.List.of()));
            }
            return claim(in, doc).compose(mine -> !mine ? Future.succeededFuture(Outcome.of(Outcome.Status.CONFLICT, in))
                    : corrections.correct(in.form(), doc, in.rawAnswers(), null, actor(in), in.instanceId())
                            .map(corrected -> Outcome.of(Outcome.Status.ACCEPTED, in))
                            .recover(e -> e instanceof Problem p && p.code() == ProblemCode.SUBMISSION_INVALID
                                    ? Future.succeededFuture(Outcome.rejected(in, p.details())) : Future.failedFuture(e)));
        });
    }

    /** Claims the new instance id for this submission; false if another submission has it. */
    private Future<Boolean> claim(Incoming in, JsonObject doc) {
        String formId = in.form().id();
        return store.byInstance(formId, in.instanceId()).compose(holder -> holder != null && !holder.getString("_id").equals(doc.getString("_id"))
                ? Future.succeededFuture(false)
                : holder != null ? Future.succeededFuture(true) : store.claimAlias(formId, in.instanceId(), doc.getString("_id"))
                        .compose(claimed -> claimed ? Future.succeededFuture(true)
                                : store.alias(formId, in.instanceId()).map(a -> a != null && doc.getString("_id").equals(a.getString("submission")))));
    }

    private static Future<Outcome> refused(Incoming in, Problem problem) {
        return Future.succeededFuture(Outcome.refused(in, problem));
    }

    private static Audit.Actor actor(Incoming in) {
        return in.submitter() == null ? new Audit.Actor(null, null, null, null)
                : new Audit.Actor(in.submitter().id(), in.submitter().username(), null, null);
    }
}
