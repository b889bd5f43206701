package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.audit.Audit;
import org.tonle.auth.Actors;
import org.tonle.auth.Access;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Requests;
import org.tonle.http.Responses;

/**
 * Reviewing, correcting, deleting and restoring stored submissions, one or in bulk, and a form's
 * counted states. Analysts and admins act on every submission; a supervisor on their team's only.
 */
public final class LifecycleRoutes {

    private static final Role[] REVIEWERS = {Role.ANALYST, Role.ADMIN, Role.SUPERVISOR};
    private static final Set<String> REVIEW_KEYS = Set.of("review");
    private static final Set<String> BULK_KEYS = Set.of("filter", "state", "comment", "dryRun");
    static final int MAX_COMMENT = 2_000;

    private final FormCatalog catalog;
    private final Lifecycle lifecycle;
    private final Corrections corrections;
    private final CountedStates counted;
    private final Audit audit;
    private final Access access;
    private final Duration retention;

    public LifecycleRoutes(FormCatalog catalog, Lifecycle lifecycle, CountedStates counted, Audit audit, Access access,
            Duration retention) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.corrections = new Corrections(lifecycle, new FormVersions(catalog), audit);
        this.counted = counted;
        this.audit = audit;
        this.access = access;
        this.retention = retention;
    }

    public void mount(Router router) {
        String one = "/api/v1/forms/:formId/submissions/:instanceId";
        router.patch(one).handler(access.allow(REVIEWERS)).handler(this::reviewOne);
        router.post("/api/v1/forms/:formId/submissions/review").handler(access.allow(REVIEWERS)).handler(this::reviewMany);
        router.post(one + "/versions").handler(access.allow(REVIEWERS)).handler(this::correct);
        router.get(one + "/versions").handler(access.allow(Role.ANALYST, Role.ADMIN, Role.SUPERVISOR, Role.ENUMERATOR))
                .handler(this::versions);
        router.delete(one).handler(access.allow(Role.ANALYST, Role.ADMIN)).handler(this::deleteOne);
        router.post(one + "/restore").handler(access.allow(Role.ANALYST, Role.ADMIN)).handler(this::restore);
        router.post("/api/v1/forms/:formId/submissions/delete").handler(access.allow(Role.ANALYST, Role.ADMIN)).handler(this::deleteMany);
        router.get("/api/v1/forms/:formId/submitters").handler(access.allow(REVIEWERS)).handler(this::submitters);
        router.get("/api/v1/forms/:formId/trash").handler(access.allow(Role.ANALYST, Role.ADMIN)).handler(this::trash);
        router.get("/api/v1/forms/:formId/settings").handler(access.allow(Role.ANALYST, Role.ADMIN)).handler(this::settings);
        router.patch("/api/v1/forms/:formId/settings").handler(access.allow(Role.ADMIN)).handler(this::changeSettings);
    }

    private void reviewOne(RoutingContext ctx) {
        Form form = form(ctx);
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, REVIEW_KEYS);
        if (!(body.getValue("review") instanceof JsonObject review)) {
            throw Problem.invalid("the body must be {\"review\": {\"state\": ..., \"comment\": ...}}", "ខ្លឹមសារត្រូវតែជា {\"review\": {...}}");
        }
        allowOnly(review, Set.of("state", "comment"));
        ReviewState state = state(review.getValue("state"));
        String comment = comment(state, review.getValue("comment"));
        Audit.Actor who = Actors.of(ctx);
        mine(ctx, form).compose(doc -> lifecycle.review(form.id(), List.of(doc), state, comment, who).compose(changed -> changed == 0
                ? Future.succeededFuture() : audit.record(who, "submission.review", Corrections.target(doc),
                        SubmissionJson.review(doc), new JsonObject().put("state", state.code()).put("comment", comment))))
                .compose(v -> mine(ctx, form))
                .onSuccess(doc -> Responses.json(ctx, 200, SubmissionJson.view(doc, form))).onFailure(ctx::fail);
    }

    private void reviewMany(RoutingContext ctx) {
        Form form = form(ctx);
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, BULK_KEYS);
        ReviewState state = state(body.getValue("state"));
        String comment = comment(state, body.getValue("comment"));
        Selection selection = selection(ctx, body);
        Audit.Actor who = Actors.of(ctx);
        if (dryRun(body)) {
            lifecycle.store().select(form.id(), selection, false).onSuccess(docs -> Responses.json(ctx, 200, preview(docs.size(),
                    docs.stream().filter(d -> Lifecycle.reviewChanges(d, state, comment)).count()))).onFailure(ctx::fail);
            return;
        }
        lifecycle.store().select(form.id(), selection, false).compose(docs -> lifecycle.review(form.id(), docs, state, comment, who)
                .compose(changed -> bulkAudit(who, "submission.review.bulk", form, body, docs.size(), changed)
                        .map(v -> new JsonObject().put("matched", docs.size()).put("changed", changed))))
                .onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    private void correct(RoutingContext ctx) {
        Form form = form(ctx);
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, Set.of("answers", "comment"));
        if (!(body.getValue("answers") instanceof JsonObject answers)) {
            throw Problem.invalid("the body must be {\"answers\": {...}, \"comment\": ...}", "ខ្លឹមសារត្រូវតែជា {\"answers\": {...}}");
        }
        String comment = body.getValue("comment") instanceof String s ? s : null;
        mine(ctx, form).compose(doc -> corrections.correct(form, doc, answers.getMap(), comment, Actors.of(ctx), null))
                .onSuccess(doc -> Responses.json(ctx, 201, SubmissionJson.view(doc, form))).onFailure(ctx::fail);
    }

    private void versions(RoutingContext ctx) {
        Form form = form(ctx);
        Principal who = Access.principal(ctx);
        find(form, ctx).compose(doc -> {
            String submitter = doc.getJsonObject("submittedBy", new JsonObject()).getString("id");
            if (who.is(Role.ENUMERATOR) ? !who.id().equals(submitter) : !who.reviews(submitter)) {
                return Future.failedFuture(Problem.of(ProblemCode.NOT_FOUND));
            }
            return corrections.versions(doc);
        }).onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("versions", list))).onFailure(ctx::fail);
    }

    private void deleteOne(RoutingContext ctx) {
        Form form = form(ctx);
        Audit.Actor who = Actors.of(ctx);
        find(form, ctx).compose(doc -> lifecycle.delete(List.of(doc), who).compose(changed -> changed == 0 ? Future.succeededFuture()
                : audit.record(who, "submission.delete", Corrections.target(doc), null, null)))
                .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("status", "deleted")
                        .put("restorableForDays", retention.toDays()))).onFailure(ctx::fail);
    }

    private void restore(RoutingContext ctx) {
        Form form = form(ctx);
        Audit.Actor who = Actors.of(ctx);
        find(form, ctx).compose(doc -> {
            JsonObject deleted = doc.getJsonObject("deleted");
            if (deleted != null && Instant.parse(deleted.getJsonObject("at").getString("$date")).plus(retention).isBefore(Instant.now())) {
                return Future.failedFuture(new Problem(ProblemCode.RESTORE_EXPIRED, Map.of("instanceId", doc.getString("instanceId"),
                        "days", String.valueOf(retention.toDays())), List.of()));
            }
            return lifecycle.restore(form.id(), List.of(doc)).compose(changed -> changed == 0 ? Future.succeededFuture()
                    : audit.record(who, "submission.restore", Corrections.target(doc), null, null));
        }).compose(v -> find(form, ctx)).onSuccess(doc -> Responses.json(ctx, 200, SubmissionJson.view(doc, form))).onFailure(ctx::fail);
    }

    private void deleteMany(RoutingContext ctx) {
        Form form = form(ctx);
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, Set.of("filter", "dryRun"));
        Audit.Actor who = Actors.of(ctx);
        if (dryRun(body)) {
            // the trash is never selected, so everything selected would move
            lifecycle.store().select(form.id(), selection(ctx, body), false)
                    .onSuccess(docs -> Responses.json(ctx, 200, preview(docs.size(), docs.size()))).onFailure(ctx::fail);
            return;
        }
        lifecycle.store().select(form.id(), selection(ctx, body), false).compose(docs -> lifecycle.delete(docs, who)
                .compose(changed -> bulkAudit(who, "submission.delete.bulk", form, body, docs.size(), changed)
                        .map(v -> new JsonObject().put("matched", docs.size()).put("changed", changed))))
                .onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    private void trash(RoutingContext ctx) {
        Form form = form(ctx);
        lifecycle.store().select(form.id(), Selection.parse(new JsonObject()), true).onSuccess(docs -> {
            JsonArray items = new JsonArray();
            docs.forEach(d -> items.add(SubmissionJson.view(d.put("answers", new JsonObject()), form).put("answers", (Object) null)));
            Responses.json(ctx, 200, new JsonObject().put("submissions", items).put("restorableForDays", retention.toDays()));
        }).onFailure(ctx::fail);
    }

    /**
     * Who submitted to the form, for a list's filter: everyone for analysts and admins, a
     * supervisor's team. None for a form whose submissions are read back without their interviewer.
     */
    private void submitters(RoutingContext ctx) {
        Form form = form(ctx);
        Principal who = Access.principal(ctx);
        Future<List<JsonObject>> found = form.restrictedExport() ? Future.succeededFuture(List.of())
                : lifecycle.store().submitters(form.id(), who.is(Role.SUPERVISOR) ? who.team() : null);
        found.onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("submitters", new JsonArray(list.stream()
                .map(s -> new JsonObject().put("id", s.getString("id")).put("username", s.getString("username"))).toList()))))
                .onFailure(ctx::fail);
    }

    private void settings(RoutingContext ctx) {
        Form form = form(ctx);
        Responses.json(ctx, 200, settingsJson(form.id()));
    }

    /**
     * Changes which review states count. Every process sees the setting within a second; after
     * that the form's submissions are moved to follow it (in the background), and the answer says so.
     */
    private void changeSettings(RoutingContext ctx) {
        Form form = form(ctx);
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, Set.of("countedStates"));
        if (!(body.getValue("countedStates") instanceof JsonArray list) || list.isEmpty()) {
            throw Problem.invalid("'countedStates' must list review states, e.g. [\"approved\"]", "'countedStates' ត្រូវតែរាយស្ថានភាពពិនិត្យ");
        }
        Set<ReviewState> states = EnumSet.noneOf(ReviewState.class);
        list.forEach(s -> states.add(state(s)));
        Audit.Actor who = Actors.of(ctx);
        JsonObject before = settingsJson(form.id());
        counted.set(form.id(), states, who.username())
                .compose(v -> audit.record(who, "form.counted_states", new JsonObject().put("formId", form.id()), before, settingsJson(form.id())))
                .onSuccess(v -> {
                    ctx.vertx().setTimer(2 * CountedStates.REFRESH_MILLIS + 500, t -> lifecycle.store().select(form.id(),
                            Selection.parse(new JsonObject()), false).compose(docs -> lifecycle.recount(form.id(), docs)));
                    Responses.json(ctx, 200, settingsJson(form.id()).put("moving", true));
                }).onFailure(ctx::fail);
    }

    private JsonObject settingsJson(String formId) {
        JsonArray codes = new JsonArray();
        counted.of(formId).stream().sorted().forEach(s -> codes.add(s.code()));
        return new JsonObject().put("formId", formId).put("countedStates", codes);
    }

    /** A bulk request may ask only what it would do: {@code "dryRun": true} changes nothing and records nothing. */
    private static boolean dryRun(JsonObject body) {
        Object value = body.getValue("dryRun");
        if (value != null && !(value instanceof Boolean)) {
            throw Problem.invalid("'dryRun' must be true or false", "'dryRun' ត្រូវតែជា true ឬ false");
        }
        return Boolean.TRUE.equals(value);
    }

    private static JsonObject preview(int matched, long wouldChange) {
        return new JsonObject().put("matched", matched).put("changed", wouldChange).put("dryRun", true);
    }

    private Future<Void> bulkAudit(Audit.Actor who, String action, Form form, JsonObject body, int matched, int changed) {
        return audit.record(who, action, new JsonObject().put("formId", form.id()).put("filter", body.getJsonObject("filter")), null,
                new JsonObject().put("state", body.getValue("state")).put("comment", body.getValue("comment"))
                        .put("matched", matched).put("changed", changed));
    }

    /** The named submission, which the caller may review (a supervisor: their team's); 404 otherwise. */
    private Future<JsonObject> mine(RoutingContext ctx, Form form) {
        Principal who = Access.principal(ctx);
        return find(form, ctx).compose(doc -> who.reviews(doc.getJsonObject("submittedBy", new JsonObject()).getString("id"))
                ? Future.succeededFuture(doc) : Future.failedFuture(Problem.of(ProblemCode.NOT_FOUND)));
    }

    private Future<JsonObject> find(Form form, RoutingContext ctx) {
        String instanceId = Envelope.normaliseInstanceId(ctx.pathParam("instanceId"));
        return lifecycle.store().byInstance(form.id(), instanceId).compose(doc -> doc == null || doc.containsKey("purged")
                ? Future.failedFuture(Problem.of(ProblemCode.NOT_FOUND)) : Future.succeededFuture(doc));
    }

    private Selection selection(RoutingContext ctx, JsonObject body) {
        Selection selection = Selection.parse(body.getJsonObject("filter"));
        Principal who = Access.principal(ctx);
        return who.is(Role.SUPERVISOR) ? selection.withinTeam(who.team()) : selection;
    }

    private static ReviewState state(Object value) {
        return ReviewState.parse(value).orElseThrow(() -> Problem.invalid("'state' is one of received, approved, on_hold, rejected",
                "'state' គឺ received, approved, on_hold ឬ rejected"));
    }

    /** The comment; rejecting needs one (422 review.comment_required). */
    private static String comment(ReviewState state, Object value) {
        if (value != null && !(value instanceof String)) {
            throw Problem.invalid("'comment' must be text", "'comment' ត្រូវតែជាអត្ថបទ");
        }
        String comment = value == null ? null : ((String) value).strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw Problem.invalid("a comment is at most " + MAX_COMMENT + " characters", "មតិយោបល់មានយ៉ាងច្រើន " + MAX_COMMENT + " តួអក្សរ");
        }
        if (state == ReviewState.REJECTED && (comment == null || comment.isEmpty())) {
            throw Problem.of(ProblemCode.REVIEW_COMMENT_REQUIRED);
        }
        return comment == null || comment.isEmpty() ? null : java.text.Normalizer.normalize(comment, java.text.Normalizer.Form.NFC);
    }

    private Form form(RoutingContext ctx) {
        Form form = catalog.form(ctx.pathParam("formId"));
        if (form == null) {
            throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", ctx.pathParam("formId"));
        }
        return form;
    }

    private static void allowOnly(JsonObject body, Set<String> keys) {
        for (String key : body.fieldNames()) {
            if (!keys.contains(key)) {
                throw Problem.invalid("unknown field '" + key + "'; expected " + keys, "វាល '" + key + "' មិនស្គាល់");
            }
        }
    }
}
