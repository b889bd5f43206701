package org.tonle.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * The browser screens, served from the classpath folder {@code webroot}: the enumerator client at
 * {@code /}, community polls at {@code /p/{code}}, the analyst dashboard at {@code /dashboard} and the
 * public scorecard of the latest release at {@code /scorecard},
 * plus Chart.js from its WebJar. Every file has a strong entity tag taken from its bytes, so it is
 * the same after a restart and on every process. Files are referred to by content-versioned names
 * ({@link Assets}), which are cached for a year; pages, the service worker and the manifest are
 * revalidated on every visit (a 304 when nothing changed). The security headers
 * (Content-Security-Policy among them) come from {@code org.tonle.http.Hardening}, as for every response.
 */
public final class WebRoutes {

    /** A file name at the root (there are no folders but vendor/), never the API's or the health check's. */
    private static final String FILE_PATHS = "^/(?!api/|health$)([A-Za-z0-9_-][A-Za-z0-9._-]*\\.[a-z]+)$";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";
    private static final Set<String> ALWAYS_REVALIDATED = Set.of("sw.js", "manifest.webmanifest");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "webmanifest", "application/manifest+json",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final Assets assets;

    public WebRoutes(Vertx vertx) {
        this.assets = new Assets(vertx);
    }

    public void mount(Router router) {
        page(router.route("/"), "index.html");
        page(router.route("/p/:code"), "poll.html");
        page(router.route("/dashboard"), "dashboard.html");
        page(router.route("/scorecard"), "scorecard.html");
        get(router.route("/" + Assets.CHART_JS)).handler(ctx -> send(ctx, Assets.CHART_JS));
        get(router.routeWithRegex(FILE_PATHS)).handler(ctx -> send(ctx, ctx.pathParam("param0")));
    }

    private void page(Route route, String name) {
        get(route).handler(ctx -> send(ctx, name));
    }

    private static Route get(Route route) {
        return route.method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    /** Sends a file, or a 304 when the client holds this very version; an unknown name goes on to the 404. */
    private void send(RoutingContext ctx, String name) {
        assets.get(name).onSuccess(asset -> {
            if (asset == null || !TYPES.containsKey(extension(name))) {
                ctx.next();
                return;
            }
            HttpServerResponse response = ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.get(extension(name)))
                    .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl(name, asset, ctx.queryParams().get("v")))
                    .putHeader(HttpHeaders.ETAG, asset.etag());
            if (name.endsWith(".png")) {
                response.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY); // already compressed
            }
            if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag())) {
                response.setStatusCode(304).end();
            } else {
                response.end(asset.body());
            }
        }).onFailure(ctx::fail);
    }

    /** A year for a versioned name of the current content; anything else is checked again on every use. */
    private static String cacheControl(String name, Assets.Asset asset, String version) {
        boolean versioned = asset.hash().equals(version) && !name.endsWith(".html") && !ALWAYS_REVALIDATED.contains(name);
        return versioned ? IMMUTABLE : REVALIDATE;
    }

    /** If-None-Match: "*" or a list of tags; weak comparison, as RFC 9110 asks for this header. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1);
    }
}
