package org.tonle.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The browser screens, served from the classpath folder {@code webroot}: the enumerator client at
 * {@code /}, community polls at {@code /p/{code}} and the analyst dashboard at {@code /dashboard},
 * plus Chart.js from its WebJar. Pages and the service worker are revalidated on every visit; other
 * files may be cached briefly, since the service worker keeps the offline copy. The security headers
 * (Content-Security-Policy among them) come from {@code org.tonle.http.Hardening}, as for every response.
 */
public final class WebRoutes {

    private static final String WEBROOT = "webroot";
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    /** Every path but the API's and the health check's, so that no file can shadow them. */
    private static final String FILE_PATHS = "^/(?!api(/|$)|health$).+";
    private static final String ASSET_CACHE_CONTROL = "public, max-age=600";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "webmanifest", "application/manifest+json",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final Vertx vertx;
    private final StaticHandler files;
    private final Map<String, Future<Page>> pages = new ConcurrentHashMap<>();

    /** A file read once from the classpath, with its entity tag. */
    private record Page(Buffer body, String etag) {}

    public WebRoutes(Vertx vertx) {
        this.vertx = vertx;
        this.files = StaticHandler.create(WEBROOT)
                .setDefaultContentEncoding("UTF-8")
                .skipCompressionForSuffixes(Set.of("png"));
    }

    public void mount(Router router) {
        serve(router.route("/"), WEBROOT + "/index.html", "no-cache");
        serve(router.route("/p/:code"), WEBROOT + "/poll.html", "no-cache");
        serve(router.route("/dashboard"), WEBROOT + "/dashboard.html", "no-cache");
        serve(router.route("/vendor/chart.umd.js"), CHART_JS, "public, max-age=86400");
        router.routeWithRegex(FILE_PATHS).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(WebRoutes::fileHeaders).handler(files);
    }

    private void serve(Route route, String path, String cacheControl) {
        route.method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> send(ctx, path, cacheControl));
    }

    private void send(RoutingContext ctx, String path, String cacheControl) {
        pages.computeIfAbsent(path, this::load).onSuccess(page -> {
            HttpServerResponse response = ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.get(extension(path)))
                    .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .putHeader(HttpHeaders.ETAG, page.etag());
            if (page.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
                response.setStatusCode(304).end();
            } else {
                response.end(page.body());
            }
        }).onFailure(ctx::fail);
    }

    private Future<Page> load(String path) {
        return vertx.fileSystem().readFile(path).map(body -> {
            CRC32 crc = new CRC32();
            crc.update(body.getBytes());
            return new Page(body, "\"" + Long.toHexString(crc.getValue()) + "-" + body.length() + "\"");
        }).onFailure(e -> pages.remove(path));
    }

    /** Sets the type and caching of a file the static handler is about to send; a 404 keeps its own headers. */
    private static void fileHeaders(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String type = TYPES.get(extension(path));
        boolean revalidate = path.endsWith(".html") || path.equals("/sw.js") || path.endsWith(".webmanifest");
        ctx.addHeadersEndHandler(v -> {
            HttpServerResponse response = ctx.response();
            if (response.getStatusCode() != 200 && response.getStatusCode() != 304) {
                return;
            }
            if (type != null) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, type);
            }
            response.putHeader(HttpHeaders.CACHE_CONTROL, revalidate ? "no-cache" : ASSET_CACHE_CONTROL);
        });
        ctx.next();
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1);
    }
}
