package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.auth.Access;
import org.tonle.auth.Role;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Responses;

/** Indicator scores, the ROAM-X scorecard, the live stream, and recompute. */
public final class IndicatorRoutes {

    private final IndicatorService service;
    private final IndicatorStream stream;
    private final RecomputeJobs jobs;
    private final Indicators indicators;
    private final Access access;

    private final org.tonle.audit.Audit audit;

    public IndicatorRoutes(Indicators indicators, IndicatorStream stream, Access access, org.tonle.audit.Audit audit) {
        this.audit = audit;
        this.service = indicators.service();
        this.stream = stream;
        this.jobs = indicators.jobs();
        this.indicators = indicators;
        this.access = access;
    }

    public void mount(Router router) {
        router.get("/api/v1/indicators").handler(access.allow(Role.liveTableReaders())).handler(this::list);
        router.get("/api/v1/indicators/stream").handler(access.allowStream(Role.liveTableReaders())).handler(this::stream);
        router.get("/api/v1/indicators/:id").handler(access.allow(Role.liveTableReaders())).handler(this::score);
        router.get("/api/v1/roamx").handler(access.allow(Role.liveTableReaders())).handler(this::roamx);
        router.post("/api/v1/admin/indicators/recompute").handler(access.allow(Role.ADMIN)).handler(this::recompute);
        router.get("/api/v1/admin/indicators/recompute/:id").handler(access.allow(Role.ADMIN)).handler(this::recomputeStatus);
        router.get("/api/v1/admin/indicators/set-aside").handler(access.allow(Role.ADMIN)).handler(this::setAside);
    }

    private void list(RoutingContext ctx) {
        String form = ctx.queryParams().get("form");
        String category = ctx.queryParams().get("category");
        List<Indicator> chosen = service.catalog().all().stream()
                .filter(i -> form == null || i.forms().contains(form))
                .filter(i -> category == null || i.category().equalsIgnoreCase(category))
                .toList();
        service.nationals(chosen).onSuccess(scores -> {
            JsonArray list = new JsonArray();
            scores.forEach(s -> list.add(IndicatorJson.summary(s.indicator(), s.national())));
            Responses.json(ctx, 200, list);
        }).onFailure(ctx::fail);
    }

    private void score(RoutingContext ctx) {
        Indicator indicator = indicator(ctx.pathParam("id"));
        List<String> by = by(indicator, ctx.queryParams().get("by"));
        Precision precision = "all".equals(ctx.queryParams().get("precision")) ? Precision.DEFAULT.showingEverything() : Precision.DEFAULT;
        service.score(indicator, by, precision).onSuccess(s -> Responses.json(ctx, 200, IndicatorJson.score(s))).onFailure(ctx::fail);
    }

    private void roamx(RoutingContext ctx) {
        service.nationals(service.catalog().all()).onSuccess(scores -> {
            Map<String, Map<String, JsonArray>> grouped = new java.util.TreeMap<>();
            scores.forEach(s -> grouped.computeIfAbsent(s.indicator().category(), c -> new java.util.TreeMap<>())
                    .computeIfAbsent(s.indicator().theme(), t -> new JsonArray())
                    .add(IndicatorJson.summary(s.indicator(), s.national())));
            JsonArray categories = new JsonArray();
            grouped.forEach((category, themes) -> {
                JsonArray themeList = new JsonArray();
                themes.forEach((theme, indicators) -> themeList.add(new JsonObject().put("theme", theme).put("indicators", indicators)));
                categories.add(new JsonObject().put("category", category).put("name", Responses.text(RoamX.name(category)))
                        .put("themes", themeList));
            });
            Responses.json(ctx, 200, new JsonObject().put("categories", categories));
        }).onFailure(ctx::fail);
    }

    private void stream(RoutingContext ctx) {
        String ids = ctx.queryParams().get("ids");
        List<Indicator> indicators = new ArrayList<>();
        if (ids == null || ids.isBlank()) {
            indicators.addAll(service.catalog().all());
        } else {
            for (String id : ids.split(",")) {
                indicators.add(indicator(id.trim()));
            }
        }
        String byParam = ctx.queryParams().get("by");
        List<String> by = indicators.isEmpty() ? List.of() : by(indicators.get(0), byParam);
        for (Indicator i : indicators) {
            by(i, byParam);
        }
        stream.subscribe(ctx.response(), indicators, by, access.stillAllowed(ctx, Role.liveTableReaders()));
    }

    private void recompute(RoutingContext ctx) {
        jobs.start(Access.principal(ctx).username()).compose(job -> audit.record(org.tonle.auth.Actors.of(ctx), "indicators.recompute",
                new JsonObject().put("job", job.getString("id")), null, null).map(job)).onSuccess(job -> {
            ctx.response().putHeader("Location", job.getString("status"));
            Responses.json(ctx, 202, job);
        }).onFailure(ctx::fail);
    }

    private void recomputeStatus(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        jobs.status(id).onSuccess(job -> {
            if (job == null) {
                ctx.fail(Problem.of(ProblemCode.NOT_FOUND));
            } else {
                Responses.json(ctx, 200, job);
            }
        }).onFailure(ctx::fail);
    }

    private void setAside(RoutingContext ctx) {
        indicators.setAside().onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private Indicator indicator(String id) {
        Indicator indicator = service.catalog().get(id);
        if (indicator == null) {
            throw Problem.of(ProblemCode.INDICATOR_NOT_FOUND, "id", id);
        }
        return indicator;
    }

    /** The breakdown asked for, in the indicator's declared order; 400 naming the supported ones. */
    public static List<String> by(Indicator indicator, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> dims = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> declared = Tables.declared(indicator, dims);
        if (declared == null) {
            List<String> supported = indicator.disaggregations().stream().map(d -> String.join(",", d)).toList();
            Map<String, String> params = new LinkedHashMap<>();
            params.put("id", indicator.id());
            params.put("by", raw);
            params.put("supported", supported.isEmpty() ? "-" : String.join("; ", supported));
            throw new Problem(ProblemCode.INDICATOR_BREAKDOWN, params, List.of());
        }
        return declared;
    }
}
