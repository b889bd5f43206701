package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Responses;

/** Questionnaire definitions and their published versions: public, cacheable, revalidated with ETags. */
public final class FormRoutes {

    private final FormCatalog catalog;
    private final CatalogStore store;

    FormRoutes(FormCatalog catalog, CatalogStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/v1/forms").handler(this::list);
        router.get("/api/v1/forms/:formId").handler(this::definition);
        router.get("/api/v1/forms/:formId/versions").handler(this::versions);
        router.get("/api/v1/forms/:formId/versions/:version").handler(this::version);
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

    /** Every published version, oldest first: version, number, who published it and when, and the warnings they were given. */
    private void versions(RoutingContext ctx) {
        FormCatalog.Current current = current(ctx.pathParam("formId"));
        store.versions(current.form().id(), current.number()).onSuccess(docs -> {
            JsonArray versions = new JsonArray();
            docs.forEach(d -> versions.add(Publisher.summary(d).put("current", d.getInteger("number") == current.number())));
            Responses.json(ctx, 200, new JsonObject().put("formId", current.form().id()).put("current", current.version())
                    .put("versions", versions));
        }).onFailure(ctx::fail);
    }

    /** One published version: the definition as a phone gets it, with when and by whom it was published. */
    private void version(RoutingContext ctx) {
        FormCatalog.Current current = current(ctx.pathParam("formId"));
        String version = ctx.pathParam("version");
        published(catalog, store, current.form().id(), version).compose(doc -> catalog.parse(doc).map(form ->
                FormJson.definition(form).put("published", Publisher.summary(doc).put("current",
                        doc.getInteger("number") == current.number()))))
                .onSuccess(json -> {
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
                    Responses.json(ctx, 200, json);
                }).onFailure(ctx::fail);
    }

    /** The stored document of a published version; fails with form.version_not_found otherwise. */
    static Future<JsonObject> published(FormCatalog catalog, CatalogStore store, String formId, String version) {
        Problem notFound = new Problem(ProblemCode.FORM_VERSION_NOT_FOUND, java.util.Map.of("id", formId, "version",
                org.tonle.forms.CleanText.shown(version)), java.util.List.of());
        return store.versionNamed(formId, version).compose(doc -> doc == null ? Future.failedFuture(notFound)
                : catalog.published(doc).compose(yes -> yes ? Future.succeededFuture(doc) : Future.failedFuture(notFound)));
    }

    private FormCatalog.Current current(String id) {
        FormCatalog.Current current = catalog.current(id);
        if (current == null) {
            throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", id);
        }
        return current;
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
