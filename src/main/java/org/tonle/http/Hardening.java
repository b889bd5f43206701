package org.tonle.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.List;
import java.util.Set;

/**
 * What every response gets: security headers, cross-origin access only for configured origins,
 * a refusal of ambiguously framed bodies ({@link Framing}), and a time limit on API calls (except
 * the live stream and exports, which are long by nature: an export streams for as long as its
 * client reads, and stops when the client goes away).
 */
public final class Hardening {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "script-src 'self'; style-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final Set<String> LONG_RUNNING = Set.of("/api/v1/indicators/stream");
    private static final java.util.regex.Pattern EXPORTS = java.util.regex.Pattern.compile(
            "/api/v1/(forms/[^/]+|indicators)/export\\.(csv|xlsx|zip)");

    private Hardening() {
    }

    public static void mount(Router router, List<String> corsOrigins, long requestTimeoutMillis) {
        router.route().handler(Hardening::headers);
        router.route().handler(Framing::refuseAmbiguous);
        if (!corsOrigins.isEmpty()) {
            router.route().handler(CorsHandler.create()
                    .addOrigins(corsOrigins)
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", "X-Request-Id", "If-None-Match"))
                    .exposedHeaders(Set.of("X-Request-Id", "Retry-After", "ETag"))
                    .maxAgeSeconds(600));
        }
        Handler<RoutingContext> timeout = TimeoutHandler.create(requestTimeoutMillis, 503);
        router.route("/api/*").handler(ctx -> {
            String path = ctx.request().path();
            if (LONG_RUNNING.contains(path) || EXPORTS.matcher(path).matches()) {
                ctx.next();
            } else {
                timeout.handle(ctx);
            }
        });
    }

    private static void headers(RoutingContext ctx) {
        secure(ctx.response());
        ctx.next();
    }

    /** The security headers every response carries, also those to requests the router never sees. */
    static void secure(HttpServerResponse response) {
        response.putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    }
}
