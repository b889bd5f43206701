package org.tonle.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** {@code GET /health}: UP (200) once the store answers a ping, DOWN (503) while it does not. */
public final class HealthRoutes {

    private final Supplier<Future<Void>> ping;
    private final String store;
    private final int forms;

    public HealthRoutes(Supplier<Future<Void>> ping, String store, int forms) {
        this.ping = ping;
        this.store = store;
        this.forms = forms;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("store", store).put("forms", forms);
        ping.get()
                .onSuccess(v -> Responses.json(ctx, 200, body.put("status", "UP")))
                .onFailure(e -> Responses.json(ctx, 503, body.put("status", "DOWN")));
    }
}
