package org.tonle.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /health}: UP (200) once the store answers a ping, DOWN (503) while it does not; with
 * the indicators' state, including the background self-check's last result.
 */
public final class HealthRoutes {

    private final Supplier<Future<Void>> ping;
    private final String store;
    private final int forms;
    private final Supplier<JsonObject> indicators;

    /** @param indicators the indicators' own state: writer, counts, the self-check's last result */
    public HealthRoutes(Supplier<Future<Void>> ping, String store, int forms, Supplier<JsonObject> indicators) {
        this.ping = ping;
        this.store = store;
        this.forms = forms;
        this.indicators = indicators;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("store", store).put("forms", forms).put("indicators", indicators.get());
        ping.get()
                .onSuccess(v -> Responses.json(ctx, 200, body.put("status", "UP")))
                .onFailure(e -> Responses.json(ctx, 503, body.put("status", "DOWN")));
    }
}
