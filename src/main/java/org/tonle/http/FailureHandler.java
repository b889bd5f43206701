package org.tonle.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.store.StoreFailures;
import org.tonle.submissions.FieldProblem;

/**
 * The one place errors become responses: {"error":{"code","message":{"en","km"},"details",
 * "requestId"}}. Unexpected failures are logged once with the request id and answered 500 without
 * internals; a store that does not answer is 503.
 */
public final class FailureHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
    /** The embedded store tries to reopen every second; a client waiting this long finds it back if it can be. */
    static final int STORE_RETRY_AFTER_SECONDS = 5;

    /** The most details one error shows. */
    public static final int MAX_DETAILS = 50;

    private final long maxBodyBytes;

    public FailureHandler(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            log.warn("[{}] failure after the response started: {}", RequestIds.of(ctx), String.valueOf(ctx.failure()));
            ctx.response().reset();
            return;
        }
        Problem problem = toProblem(ctx);
        if (problem.code().status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (problem.params().containsKey("retryAfter")) {
            ctx.response().putHeader("Retry-After", problem.params().get("retryAfter"));
        }
        Responses.json(ctx, problem.code().status(), body(problem, RequestIds.of(ctx)));
    }

    public static JsonObject body(Problem problem, String requestId) {
        return body(problem, requestId, MAX_DETAILS);
    }

    /**
     * The error body with at most {@code maxDetails} details (never more than {@link #MAX_DETAILS}),
     * the rest counted in {@code moreDetails}: a body full of bad keys must not come back as a
     * response many times its size.
     */
    public static JsonObject body(Problem problem, String requestId, int maxDetails) {
        JsonObject error = new JsonObject()
                .put("code", problem.code().code())
                .put("message", Responses.text(problem.code().message(problem.params())));
        List<FieldProblem> all = problem.details();
        int shown = Math.max(0, Math.min(all.size(), Math.min(maxDetails, MAX_DETAILS)));
        JsonArray details = new JsonArray();
        for (FieldProblem d : all.subList(0, shown)) {
            details.add(new JsonObject().put("field", d.field()).put("code", d.code()).put("message", Responses.text(d.message())));
        }
        error.put("details", details);
        if (shown < all.size()) {
            error.put("moreDetails", all.size() - shown);
        }
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        return new JsonObject().put("error", error);
    }

    private Problem toProblem(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof Problem p) {
            return p;
        }
        if (failure instanceof DecodeException) {
            return Problem.of(ProblemCode.REQUEST_MALFORMED);
        }
        if (failure != null && StoreFailures.isUnavailable(failure)) {
            log.warn("[{}] {} {}: store unavailable: {}", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(),
                    failure.toString());
            return Problem.of(ProblemCode.STORE_UNAVAILABLE, "retryAfter", String.valueOf(STORE_RETRY_AFTER_SECONDS));
        }
        switch (ctx.statusCode()) {
            case 400:
                return Problem.of(ProblemCode.REQUEST_MALFORMED);
            case 404:
                return Problem.of(ProblemCode.NOT_FOUND);
            case 405:
                return Problem.of(ProblemCode.METHOD_NOT_ALLOWED);
            case 503:
                return Problem.of(ProblemCode.REQUEST_TIMEOUT);
            case 413:
                return Problem.of(ProblemCode.REQUEST_TOO_LARGE, "max", String.valueOf(maxBodyBytes));
            default:
                log.error("[{}] {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), failure);
                return new Problem(ProblemCode.INTERNAL, Map.of("requestId", RequestIds.of(ctx)), java.util.List.of());
        }
    }
}
