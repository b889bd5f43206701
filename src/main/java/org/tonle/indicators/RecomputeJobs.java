package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.http.FailureHandler;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * Recompute as a background job: started at once, its state and report kept in the
 * {@code recompute_jobs} collection, so any server process can answer "how is it going". A
 * million submissions take minutes; no HTTP request waits for them.
 */
public final class RecomputeJobs {

    private static final Logger log = LoggerFactory.getLogger(RecomputeJobs.class);
    private static final String COLLECTION = "recompute_jobs";

    private final MongoClient mongo;
    private final Recompute recompute;
    private final Aggregator aggregator;

    RecomputeJobs(MongoClient mongo, Recompute recompute, Aggregator aggregator) {
        this.mongo = mongo;
        this.recompute = recompute;
        this.aggregator = aggregator;
    }

    /** The new job, running; fails at once (nothing started) when the rescan would be too large. */
    public Future<JsonObject> start(String startedBy) {
        JsonObject job = new JsonObject()
                .put("_id", UUID.randomUUID().toString())
                .put("state", "running")
                .put("startedBy", startedBy)
                .put("writer", aggregator.writer())
                .put("startedAt", Instant.now().toString());
        return recompute.check().recover(e -> Future.failedFuture(problem(e)))
                .compose(v -> mongo.insert(COLLECTION, job))
                .map(v -> {
                    recompute.run().onComplete(result -> finish(job.getString("_id"), result.succeeded()
                            ? new JsonObject().put("state", "done").put("report", result.result())
                            : new JsonObject().put("state", "failed").put("error", error(result.cause()))));
                    return view(job);
                });
    }

    /**
     * The job's state, with its report once done; null for an unknown id. A job still running in a
     * process that has stopped heartbeating is over: it is marked failed, and says so.
     */
    public Future<JsonObject> status(String id) {
        return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null).compose(doc -> {
            if (doc == null || !"running".equals(doc.getString("state")) || aggregator.writer().equals(doc.getString("writer"))) {
                return Future.succeededFuture(doc == null ? null : view(doc));
            }
            return aggregator.alive(doc.getString("writer")).compose(alive -> {
                if (alive) {
                    return Future.succeededFuture(view(doc));
                }
                JsonObject outcome = new JsonObject().put("state", "failed")
                        .put("error", error(Problem.of(ProblemCode.RECOMPUTE_INTERRUPTED)))
                        .put("finishedAt", Instant.now().toString());
                return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", id).put("state", "running"),
                        new JsonObject().put("$set", outcome)).map(v -> view(doc.mergeIn(outcome)));
            });
        });
    }

    private void finish(String id, JsonObject outcome) {
        outcome.put("finishedAt", Instant.now().toString());
        mongo.updateCollection(COLLECTION, new JsonObject().put("_id", id), new JsonObject().put("$set", outcome))
                .onFailure(e -> log.error("recompute job {} ended ({}) but its state could not be saved", id,
                        outcome.getString("state"), e));
    }

    private static JsonObject error(Throwable cause) {
        Problem p = problem(cause);
        if (p.code() == ProblemCode.INTERNAL) {
            log.error("recompute failed", cause);
        }
        return FailureHandler.body(p, null).getJsonObject("error");
    }

    /** The catalogue problem for a recompute failure. */
    static Problem problem(Throwable e) {
        if (e instanceof Problem p) {
            return p;
        }
        if (e instanceof Recompute.TooLarge t) {
            return new Problem(ProblemCode.RECOMPUTE_TOO_LARGE, Map.of("count", String.valueOf(t.submissions()),
                    "limit", String.valueOf(t.limit())), List.of());
        }
        return new Problem(ProblemCode.INTERNAL, Map.of("requestId", "recompute"), List.of());
    }

    private static JsonObject view(JsonObject doc) {
        JsonObject view = doc.copy();
        view.put("id", view.remove("_id"));
        view.put("status", "/api/v1/admin/indicators/recompute/" + view.getString("id"));
        return view;
    }
}
