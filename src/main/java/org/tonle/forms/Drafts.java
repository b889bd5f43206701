package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * Drafts: at most one per form, uploaded as YAML or XLSForm, stored with its validation result (an
 * author sees every problem, each where it was written), tried with test submissions, then published
 * as the form's next version. Reading a workbook and checking a definition run on a worker.
 */
final class Drafts {

    private final Vertx vertx;
    private final CatalogStore store;
    private final Publisher publisher;
    private final FormCatalog catalog;
    private final DraftCheck checker;

    Drafts(Vertx vertx, CatalogStore store, Publisher publisher, FormCatalog catalog, ShippedForms shipped, IndicatorView indicators) {
        this.vertx = vertx;
        this.store = store;
        this.publisher = publisher;
        this.catalog = catalog;
        this.checker = new DraftCheck(shipped, indicators);
    }

    /** The draft of a new form; the form's id comes from the upload. */
    Future<JsonObject> create(Upload upload, JsonObject by) {
        return check(upload, null).compose(checked -> {
            if (checked.formId() == null) {
                return Future.failedFuture(invalid(checked.problems()));
            }
            if (catalog.current(checked.formId()) != null) {
                return Future.failedFuture(Problem.of(ProblemCode.FORM_EXISTS, "id", checked.formId()));
            }
            JsonObject doc = document(checked, by);
            return store.insertDraft(doc).compose(inserted -> inserted ? Future.succeededFuture(view(doc))
                    : Future.failedFuture(Problem.of(ProblemCode.FORM_EXISTS, "id", checked.formId())));
        });
    }

    /** Replaces the draft of an existing form (published, or with a draft). */
    Future<JsonObject> replace(String formId, Upload upload, JsonObject by) {
        Future<Boolean> known = catalog.current(formId) != null ? Future.succeededFuture(true)
                : store.draft(formId).map(d -> d != null);
        return known.compose(exists -> {
            if (!exists) {
                return Future.failedFuture(Problem.of(ProblemCode.FORM_NOT_FOUND, "id", formId));
            }
            return check(upload, formId);
        }).compose(checked -> {
            if (checked.formId() == null) {
                return Future.failedFuture(invalid(checked.problems()));
            }
            JsonObject doc = document(checked, by);
            return store.saveDraft(doc).map(v -> view(doc));
        });
    }

    Future<JsonArray> list() {
        return store.drafts().map(docs -> {
            JsonArray views = new JsonArray();
            docs.stream().sorted(java.util.Comparator.comparing(d -> d.getString("formId"))).forEach(d -> views.add(view(d)));
            return views;
        });
    }

    Future<JsonObject> view(String formId) {
        return draft(formId).map(Drafts::view);
    }

    /** Publishes a valid draft as the form's next version and removes it. */
    Future<JsonObject> publish(String formId, JsonObject by) {
        return draft(formId).compose(doc -> {
            if (!doc.getBoolean("valid", false)) {
                return Future.failedFuture(invalid(problems(doc)));
            }
            DefinitionSource source = Publisher.source(doc);
            return warningsNow(source).compose(warnings -> publisher.publish(source, new Publisher.Publication(by, warnings)))
                    .compose(published -> store.removeDraft(formId, doc.getString("revision"))
                            .compose(v -> catalog.refresh()).map(v -> published));
        });
    }

    /** The draft as a form, for a test submission; fails when there is none or it has problems. */
    Future<Form> form(String formId) {
        return draft(formId).compose(doc -> {
            if (!doc.getBoolean("valid", false)) {
                return Future.failedFuture(invalid(problems(doc)));
            }
            return catalog.parse(doc);
        });
    }

    private Future<JsonObject> draft(String formId) {
        return store.draft(formId).compose(doc -> doc == null
                ? Future.failedFuture(Problem.of(ProblemCode.FORM_NO_DRAFT, "id", formId)) : Future.succeededFuture(doc));
    }

    /** The warnings against the version current now, which may have changed since the upload. */
    private Future<JsonArray> warningsNow(DefinitionSource source) {
        FormCatalog.Current current = catalog.current(source.formId());
        if (current == null) {
            return Future.succeededFuture(new JsonArray());
        }
        return vertx.executeBlocking(() -> {
            Form next = source.load().forms().get(source.formId());
            return next == null ? new JsonArray() : checker.warnings(current.form(), next);
        }, false);
    }

    private Future<DraftCheck.Checked> check(Upload upload, String expectedId) {
        Form current = expectedId == null ? null : catalog.form(expectedId);
        return vertx.executeBlocking(() -> checker.check(upload, expectedId, current), false);
    }

    private static Problem invalid(List<LocatedProblem> problems) {
        return new Problem(ProblemCode.FORM_INVALID, Map.of("count", String.valueOf(problems.size())),
                problems.stream().map(LocatedProblem::toFieldProblem).toList());
    }

    private static JsonObject document(DraftCheck.Checked checked, JsonObject by) {
        JsonArray problems = new JsonArray();
        checked.problems().forEach(p -> problems.add(p.toJson()));
        JsonArray fragments = new JsonArray();
        if (checked.source() != null) {
            checked.source().fragments().forEach((name, text) -> fragments.add(new JsonObject().put("name", name).put("text", text)));
        }
        return new JsonObject()
                .put("_id", checked.formId())
                .put("formId", checked.formId())
                .put("version", checked.version())
                .put("revision", UUID.randomUUID().toString())
                .put("format", checked.source() == null ? null : checked.source().format())
                .put("source", checked.form() == null ? null : checked.source().json())
                .put("fragments", fragments)
                .put("problems", problems)
                .put("valid", checked.valid())
                .put("warnings", checked.warnings())
                .put("uploadedBy", by)
                .put("uploadedAt", new JsonObject().put("$date", Instant.now().toString()));
    }

    private static List<LocatedProblem> problems(JsonObject doc) {
        return doc.getJsonArray("problems", new JsonArray()).stream().map(p -> LocatedProblem.fromJson((JsonObject) p)).toList();
    }

    /** The draft as the API shows it: no source, its validation result and warnings. */
    static JsonObject view(JsonObject doc) {
        Object at = doc.getValue("uploadedAt");
        return new JsonObject()
                .put("formId", doc.getString("formId"))
                .put("version", doc.getString("version"))
                .put("format", doc.getString("format"))
                .put("uploadedBy", doc.getJsonObject("uploadedBy", new JsonObject()).getString("username"))
                .put("uploadedAt", at instanceof JsonObject o ? o.getValue("$date") : at)
                .put("valid", doc.getBoolean("valid", false))
                .put("problems", doc.getJsonArray("problems", new JsonArray()))
                .put("warnings", doc.getJsonArray("warnings", new JsonArray()));
    }
}
