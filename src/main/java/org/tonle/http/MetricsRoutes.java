package org.tonle.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the process's metrics in the Prometheus text format, for a scraper on the
 * operators' network. Operational numbers only (the self-check, the indicator writers, memory and
 * garbage collection): no survey data, so it needs no log-in, like {@code /health}.
 */
public final class MetricsRoutes {

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void mount(Router router) {
        router.get("/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
    }
}
