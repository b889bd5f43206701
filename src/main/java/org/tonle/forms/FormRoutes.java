package org.tonle.forms;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Responses;

/** Questionnaire definitions: public, cacheable, revalidated with ETags. */
public final class FormRoutes {

    private final FormCatalog catalog;

    public FormRoutes(FormCatalog catalog) {
        this.catalog = catalog;
    }

    public void mount(Router router) {
        router.get("/api/v1/forms").handler(this::list);
        router.get("/api/v1/forms/:formId").handler(this::definition);
    }

    private void list(RoutingContext ctx) {
        send(ctx, catalog.list());
    }

    private void definition(RoutingContext ctx) {
        String id = ctx.pathParam("formId");
        FormCatalog.Rendered rendered = catalog.definition(id);
        if (rendered == null) {
            ctx.fail(Problem.of(ProblemCode.FORM_NOT_FOUND, "id", id));
            return;
        }
        send(ctx, rendered);
    }

    private static void send(RoutingContext ctx, FormCatalog.Rendered rendered) {
        ctx.response()
                .putHeader(HttpHeaders.ETAG, rendered.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), rendered.etag())) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON).end(rendered.body());
    }

    /** If-None-Match holds a list of tags or "*"; weak tags (W/) compare equal by their value. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
