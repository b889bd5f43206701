package org.tonle.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /health}: UP (200) while the store answers a ping and is not known to be failing;
 * DOWN (503) with the reason otherwise, such as an embedded store that cannot write its file. With
 * the indicators' state, including the background self-check's last result.
 */
public final class HealthRoutes {

    private final Supplier<Future<Void>> ping;
    private final Supplier<Optional<String>> storeProblem;
    private final String store;
    private final int forms;
    private final Supplier<JsonObject> indicators;

    /** @param indicators the indicators' own state: writer, counts, the self-check's last result */
    public HealthRoutes(Supplier<Future<Void>> ping, Supplier<Optional<String>> storeProblem, String store, int forms,
            Supplier<JsonObject> indicators) {
        this.ping = ping;
        this.storeProblem = storeProblem;
        this.store = store;
        this.forms = forms;
        this.indicators = indicators;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("store", store).put("forms", forms).put("indicators", indicators.get());
        Optional<String> problem = storeProblem.get();
        if (problem.isPresent()) {
            down(ctx, body, problem.get());
            return;
        }
        ping.get()
                .onSuccess(v -> Responses.json(ctx, 200, body.put("status", "UP")))
                .onFailure(e -> down(ctx, body, storeProblem.get().orElse("the database does not answer a ping")));
    }

    private static void down(RoutingContext ctx, JsonObject body, String reason) {
        ctx.response().putHeader("Retry-After", String.valueOf(FailureHandler.STORE_RETRY_AFTER_SECONDS));
        Responses.json(ctx, 503, body.put("status", "DOWN").put("reason", reason));
    }
}
