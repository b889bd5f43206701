package org.tonle.submissions;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.auth.Access;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.forms.CleanText;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.http.FailureHandler;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.RequestIds;
import org.tonle.http.Requests;
import org.tonle.http.Responses;

/** Receiving submissions one at a time or in batches from phones that were offline, and reading them back. */
public final class SubmissionRoutes {

    private static final Logger log = LoggerFactory.getLogger(SubmissionRoutes.class);

    private static final Pattern CURSOR = Pattern.compile("[0-9a-f]{24}");
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    /** The most error details one batch response shows in all (each error shows at most 50). */
    static final int MAX_BATCH_DETAILS = 1000;

    private final FormCatalog catalog;
    private final FormVersions versions;
    private final Function<String, Future<Form>> drafts;
    private final SubmissionService service;
    private final int maxBatchItems;
    private final double maxWeight;
    private final Access access;

    /** @param drafts the draft of a form as a form, for test submissions that are checked and not stored */
    public SubmissionRoutes(FormCatalog catalog, Function<String, Future<Form>> drafts, SubmissionService service, int maxBatchItems,
            double maxWeight, Access access) {
        this.catalog = catalog;
        this.versions = new FormVersions(catalog);
        this.drafts = drafts;
        this.service = service;
        this.maxBatchItems = maxBatchItems;
        this.maxWeight = maxWeight;
        this.access = access;
    }

    /** Enumerators submit to the forms assigned to them and read back only their own submissions. */
    public void mount(Router router) {
        router.post("/api/v1/forms/:formId/submissions").handler(access.allow(Role.ENUMERATOR, Role.ADMIN)).handler(this::submitOne);
        router.get("/api/v1/forms/:formId/submissions").handler(access.allow(Role.ANALYST, Role.ADMIN, Role.SUPERVISOR,
                Role.ENUMERATOR)).handler(this::list);
        router.get("/api/v1/forms/:formId/submissions/:instanceId").handler(access.allow(Role.ANALYST, Role.ADMIN, Role.SUPERVISOR,
                Role.ENUMERATOR)).handler(this::show);
        router.post("/api/v1/submissions/batch").handler(access.allow(Role.ENUMERATOR, Role.ADMIN)).handler(this::submitBatch);
        router.post("/api/v1/forms/:formId/draft/submissions").handler(access.allow(Role.ADMIN)).handler(this::tryDraft);
    }

    private void submitOne(RoutingContext ctx) {
        Form form = form(ctx.pathParam("formId"));
        Principal who = Access.principal(ctx);
        if (!who.maySubmitTo(form.id())) {
            throw Problem.of(ProblemCode.AUTH_FORBIDDEN);
        }
        JsonObject body = Requests.jsonObject(ctx);
        Object formId = body.getValue("formId");
        if (formId != null && !form.id().equals(formId)) {
            throw Problem.invalid("formId in the body differs from the form in the address",
                    "formId ក្នុងខ្លឹមសារខុសពីទម្រង់បែបបទក្នុងអាសយដ្ឋាន");
        }
        versions.resolve(form, body.getValue("formVersion")).compose(made -> {
            Envelope.Parsed parsed = Envelope.parse(made, body.getMap(), maxWeight, Instant.now());
            if (parsed.incoming() == null) {
                return Future.failedFuture(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), parsed.problems()));
            }
            return service.submit(List.of(parsed.incoming().by(submitter(who))));
        }).onSuccess(outcomes -> {
            Outcome outcome = outcomes.get(0);
            switch (outcome.status()) {
                case ACCEPTED -> Responses.json(ctx, 201, receipt(outcome));
                case DUPLICATE -> Responses.json(ctx, 200, receipt(outcome));
                case FAILED, REFUSED -> ctx.fail(outcome.cause());
                default -> ctx.fail(problem(outcome));
            }
        }).onFailure(ctx::fail);
    }

    private void submitBatch(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        Object items = body.getValue("submissions");
        if (!(items instanceof JsonArray array)) {
            throw Problem.invalid("the body must be {\"submissions\": [...]}", "ខ្លឹមសារត្រូវតែជា {\"submissions\": [...]}");
        }
        if (array.size() > maxBatchItems) {
            throw Problem.invalid("a batch holds at most " + maxBatchItems + " submissions; this one has " + array.size(),
                    "មួយបាច់មានការបញ្ជូនយ៉ាងច្រើន " + maxBatchItems + " ប៉ុន្តែបាច់នេះមាន " + array.size());
        }
        Principal who = Access.principal(ctx);
        Map<Integer, Future<Form>> made = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.getValue(i) instanceof JsonObject obj && obj.getValue("formId") instanceof String formId
                    && catalog.form(formId) != null && who.maySubmitTo(formId)) {
                made.put(i, versions.resolve(catalog.form(formId), obj.getValue("formVersion")));
            }
        }
        Future.join(new ArrayList<>(made.values())).onComplete(done -> {
            Throwable broken = made.values().stream().map(Future::cause).filter(e -> e != null && !(e instanceof Problem))
                    .findFirst().orElse(null);
            if (broken != null) {
                ctx.fail(broken);
            } else {
                submitBatch(ctx, array, who, made);
            }
        });
    }

    /** The batch once the form version of each item is known ({@code made}: by position; failed when unknown). */
    private void submitBatch(RoutingContext ctx, JsonArray array, Principal who, Map<Integer, Future<Form>> made) {
        DetailBudget budget = new DetailBudget(MAX_BATCH_DETAILS);
        Instant now = Instant.now();
        JsonObject[] results = new JsonObject[array.size()];
        List<Incoming> incoming = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            Problem refused = null;
            if (!(item instanceof JsonObject obj)) {
                refused = Problem.invalid("each submission must be a JSON object", "ការបញ្ជូននីមួយៗត្រូវតែជាវត្ថុ JSON");
            } else if (!(obj.getValue("formId") instanceof String formId) || catalog.form(formId) == null) {
                refused = Problem.of(ProblemCode.FORM_NOT_FOUND, "id", CleanText.shown(String.valueOf(obj.getValue("formId"))));
            } else if (!who.maySubmitTo(formId)) {
                refused = Problem.of(ProblemCode.AUTH_FORBIDDEN);
            } else if (made.getOrDefault(i, Future.succeededFuture(catalog.form(formId))).failed()) {
                refused = (Problem) made.get(i).cause();
            } else {
                Form form = made.getOrDefault(i, Future.succeededFuture(catalog.form(formId))).result();
                Envelope.Parsed parsed = Envelope.parse(form, obj.getMap(), maxWeight, now);
                if (parsed.incoming() != null) {
                    incoming.add(parsed.incoming().by(submitter(who)));
                    positions.add(i);
                    continue;
                }
                refused = new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), parsed.problems());
            }
            results[i] = itemResult(i, item, "rejected", refused, budget);
        }
        service.submit(incoming).onSuccess(outcomes -> {
            for (int k = 0; k < outcomes.size(); k++) {
                Outcome o = outcomes.get(k);
                int i = positions.get(k);
                String status = o.status() == Outcome.Status.FAILED || o.status() == Outcome.Status.REFUSED ? "rejected"
                        : o.status().name().toLowerCase(java.util.Locale.ROOT);
                Problem p = o.status() == Outcome.Status.ACCEPTED || o.status() == Outcome.Status.DUPLICATE ? null : problem(ctx, o);
                results[i] = itemResult(i, array.getValue(i), status, p, budget).put("instanceId", o.instanceId());
            }
            Responses.json(ctx, 200, new JsonObject().put("results", new JsonArray(List.of((Object[]) results))));
        }).onFailure(ctx::fail);
    }

    /** A test submission to a form's draft: checked as a real one would be, and not stored. */
    private void tryDraft(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        drafts.apply(ctx.pathParam("formId")).onSuccess(form -> {
            Instant now = Instant.now();
            Envelope.Parsed parsed = Envelope.parse(form, body.getMap(), maxWeight, now);
            if (parsed.incoming() == null) {
                ctx.fail(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), parsed.problems()));
                return;
            }
            AnswerValidator.Result result = AnswerValidator.validate(form, parsed.incoming().rawAnswers(), now);
            if (!result.valid()) {
                ctx.fail(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), result.problems()));
                return;
            }
            Responses.json(ctx, 200, new JsonObject().put("status", "valid").put("stored", false)
                    .put("formVersion", form.version()).put("answers", SubmissionService.storedAnswers(result.answers())));
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Form form = form(ctx.pathParam("formId"));
        String after = ctx.queryParams().get("after");
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw Problem.invalid("'after' must be the 'next' value of a previous page", "'after' ត្រូវតែជាតម្លៃ 'next' នៃទំព័រមុន");
        }
        int limit = limit(ctx.queryParams().get("limit"));
        String order = ctx.queryParams().get("order");
        if (order != null && !order.equals("oldest") && !order.equals("newest")) {
            throw Problem.invalid("'order' is oldest (the default) or newest", "'order' គឺ oldest ឬ newest");
        }
        Selection selection = Selection.fromQuery(ctx.queryParams());
        java.util.Set<String> own = ownOnly(ctx);
        service.page(form, own == null ? selection : selection.withinTeam(own), after, limit, "newest".equals(order))
                .onSuccess(page -> Responses.json(ctx, 200, page)).onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        Form form = form(ctx.pathParam("formId"));
        String instanceId = Envelope.normaliseInstanceId(ctx.pathParam("instanceId"));
        service.find(form, instanceId, ownOnly(ctx)).onSuccess(found -> {
            if (found == null) {
                ctx.fail(Problem.of(ProblemCode.NOT_FOUND));
            } else {
                Responses.json(ctx, 200, found);
            }
        }).onFailure(ctx::fail);
    }

    /**
     * Whose submissions the caller may read: an enumerator their own, a supervisor their team's;
     * null for everyone's (analysts, admins).
     */
    private static java.util.Set<String> ownOnly(RoutingContext ctx) {
        Principal who = Access.principal(ctx);
        return who.is(Role.ENUMERATOR) ? java.util.Set.of(who.id()) : who.is(Role.SUPERVISOR) ? who.team() : null;
    }

    private static Incoming.Submitter submitter(Principal who) {
        return new Incoming.Submitter(who.id(), who.username(), who.is(Role.ADMIN));
    }

    private Form form(String id) {
        Form form = catalog.form(id);
        if (form == null) {
            throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", id);
        }
        return form;
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.invalid("'limit' must be a whole number from 1 to " + MAX_PAGE, "'limit' ត្រូវតែជាចំនួនគត់ពី 1 ដល់ " + MAX_PAGE);
    }

    private static JsonObject receipt(Outcome o) {
        return new JsonObject().put("instanceId", o.instanceId()).put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A batch item the store refused: logged once with the request id, answered as the server's fault. */
    private static Problem problem(RoutingContext ctx, Outcome o) {
        if (o.status() == Outcome.Status.REFUSED) {
            return (Problem) o.cause();
        }
        if (o.status() != Outcome.Status.FAILED) {
            return problem(o);
        }
        log.error("[{}] batch item {} could not be stored", RequestIds.of(ctx), o.instanceId(), o.cause());
        return Problem.of(ProblemCode.INTERNAL, "requestId", RequestIds.of(ctx));
    }

    private static Problem problem(Outcome o) {
        return o.status() == Outcome.Status.CONFLICT
                ? Problem.of(ProblemCode.SUBMISSION_CONFLICT, "instanceId", o.instanceId())
                : new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), o.problems());
    }

    /** How many error details a batch response may still show. */
    private static final class DetailBudget {
        private int left;

        DetailBudget(int left) {
            this.left = left;
        }

        int take(int wanted) {
            int granted = Math.min(wanted, left);
            left -= granted;
            return granted;
        }
    }

    private static JsonObject itemResult(int index, Object item, String status, Problem problem, DetailBudget budget) {
        JsonObject result = new JsonObject().put("index", index);
        if (item instanceof JsonObject obj) {
            result.put("formId", obj.getValue("formId") instanceof String s ? s : null);
            result.put("instanceId", obj.getValue("instanceId") instanceof String s ? s : null);
        }
        result.put("status", status);
        if (problem != null) {
            int shown = budget.take(Math.min(problem.details().size(), FailureHandler.MAX_DETAILS));
            result.put("error", FailureHandler.body(problem, null, shown).getJsonObject("error"));
        }
        return result;
    }
}
