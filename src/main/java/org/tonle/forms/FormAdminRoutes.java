package org.tonle.forms;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tonle.auth.Access;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.http.Responses;

/** Authoring forms (admins): upload a draft as YAML or XLSForm, read its validation result, publish it; download a version as XLSForm. */
final class FormAdminRoutes {

    private final Drafts drafts;
    private final FormCatalog catalog;
    private final CatalogStore store;
    private final Access access;

    FormAdminRoutes(Drafts drafts, FormCatalog catalog, CatalogStore store, Access access) {
        this.drafts = drafts;
        this.catalog = catalog;
        this.store = store;
        this.access = access;
    }

    void mount(Router router) {
        router.post("/api/v1/forms").handler(access.allow(Role.ADMIN)).handler(this::create);
        router.get("/api/v1/forms/drafts").handler(access.allow(Role.ADMIN)).handler(this::drafts);
        router.post("/api/v1/forms/:formId/draft").handler(access.allow(Role.ADMIN)).handler(this::replace);
        router.get("/api/v1/forms/:formId/draft").handler(access.allow(Role.ADMIN)).handler(this::draft);
        router.post("/api/v1/forms/:formId/draft/publish").handler(access.allow(Role.ADMIN)).handler(this::publish);
        router.getWithRegex("/api/v1/forms/(?<formId>[^/]+)/versions/(?<version>[^/]+)\\.xlsx")
                .handler(access.allow(Role.ADMIN, Role.ANALYST)).handler(this::xlsx);
    }

    private void create(RoutingContext ctx) {
        Upload upload = Upload.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), ctx.body().buffer());
        drafts.create(upload, by(ctx)).onSuccess(view -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/forms/" + view.getString("formId") + "/draft");
            Responses.json(ctx, 201, view);
        }).onFailure(ctx::fail);
    }

    private void replace(RoutingContext ctx) {
        Upload upload = Upload.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), ctx.body().buffer());
        drafts.replace(ctx.pathParam("formId"), upload, by(ctx)).onSuccess(view -> Responses.json(ctx, 200, view)).onFailure(ctx::fail);
    }

    private void drafts(RoutingContext ctx) {
        drafts.list().onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("drafts", list))).onFailure(ctx::fail);
    }

    private void draft(RoutingContext ctx) {
        drafts.view(ctx.pathParam("formId")).onSuccess(view -> Responses.json(ctx, 200, view)).onFailure(ctx::fail);
    }

    private void publish(RoutingContext ctx) {
        drafts.publish(ctx.pathParam("formId"), by(ctx)).onSuccess(published -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/forms/" + published.getString("formId") + "/versions/"
                    + published.getString("version"));
            Responses.json(ctx, 201, published);
        }).onFailure(ctx::fail);
    }

    /** A published version as an XLSForm workbook, written on a worker. */
    private void xlsx(RoutingContext ctx) {
        String formId = ctx.pathParam("formId");
        String version = ctx.pathParam("version");
        if (catalog.current(formId) == null) {
            ctx.fail(org.tonle.http.Problem.of(org.tonle.http.ProblemCode.FORM_NOT_FOUND, "id", formId));
            return;
        }
        FormRoutes.published(catalog, store, formId, version)
                .compose(doc -> catalog.parse(doc).compose(form -> ctx.vertx().executeBlocking(() ->
                        XlsFormWriter.write(form, ShippedForms.tree(doc.getString("source")).get("indicators")), false)))
                .onSuccess(bytes -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, Upload.XLSX_TYPE)
                        .putHeader("Content-Disposition", "attachment; filename=\"" + formId + "-" + version + ".xlsx\"")
                        .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private static JsonObject by(RoutingContext ctx) {
        Principal who = Access.principal(ctx);
        return new JsonObject().put("id", who.id()).put("username", who.username());
    }
}
