package org.tonle.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tonle.audit.Audit;
import org.tonle.auth.Access;
import org.tonle.auth.Actors;
import org.tonle.auth.Role;
import org.tonle.forms.Choice;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.Question;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Requests;
import org.tonle.http.Responses;

/**
 * Calibration targets: admins store, replace and delete them (each change in the audit log); those
 * who read the live indicators read them, and ask for estimates calibrated to one with
 * {@code ?weights=<name>} (see {@code IndicatorRoutes}).
 */
public final class CalibrationRoutes {

    /** The values of the profile's calculated {@code age_group} (forms/profile.yaml); {@code CalibrationApiTest} checks them. */
    public static final List<String> AGE_GROUPS = List.of("under-15", "15-24", "25-34", "35-44", "45-54", "55-64", "65+");

    private final TargetStore store;
    private final FormCatalog forms;
    private final Access access;
    private final Audit audit;

    public CalibrationRoutes(TargetStore store, FormCatalog forms, Access access, Audit audit) {
        this.store = store;
        this.forms = forms;
        this.access = access;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/v1/calibration").handler(access.allow(Role.liveTableReaders())).handler(this::list);
        router.get("/api/v1/calibration/:name").handler(access.allow(Role.liveTableReaders())).handler(this::one);
        router.put("/api/v1/calibration/:name").handler(access.allow(Role.ADMIN)).handler(this::put);
        router.delete("/api/v1/calibration/:name").handler(access.allow(Role.ADMIN)).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        store.list().onSuccess(all -> {
            JsonArray targets = new JsonArray();
            all.forEach(t -> targets.add(summary(t)));
            Responses.json(ctx, 200, new JsonObject().put("targets", targets));
        }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        store.find(name).onSuccess(t -> {
            if (t == null) {
                ctx.fail(Problem.of(ProblemCode.CALIBRATION_NOT_FOUND, "name", name));
            } else {
                Responses.json(ctx, 200, t.json());
            }
        }).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Target target;
        try {
            target = TargetParser.parse(ctx.pathParam("name"), Requests.jsonObject(ctx), allowedValues());
        } catch (TargetParser.Invalid e) {
            throw new Problem(ProblemCode.CALIBRATION_INVALID, Map.of("count", String.valueOf(e.problems().size())), e.problems());
        }
        Audit.Actor who = Actors.of(ctx);
        store.put(target, who.username()).compose(change -> audit.record(who, "calibration.put", new JsonObject().put("name", target.name()),
                change.before() == null ? null : change.before().target().toJson(), target.toJson()).map(change)).onSuccess(change -> {
                    ctx.response().putHeader("Location", "/api/v1/calibration/" + target.name());
                    Responses.json(ctx, change.before() == null ? 201 : 200, change.after().json());
                }).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Audit.Actor who = Actors.of(ctx);
        store.delete(name).compose(gone -> gone == null ? io.vertx.core.Future.<TargetStore.Stored>failedFuture(
                Problem.of(ProblemCode.CALIBRATION_NOT_FOUND, "name", name))
                : audit.record(who, "calibration.delete", new JsonObject().put("name", name), gone.target().toJson(), null).map(gone))
                .onSuccess(gone -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    /** A target without its cells: what it calibrates to, and each margin's grand total. */
    private static JsonObject summary(TargetStore.Stored stored) {
        Target t = stored.target();
        JsonArray margins = new JsonArray();
        t.margins().forEach(m -> margins.add(new JsonObject().put("variables", new JsonArray(m.variables().stream().map(Object.class::cast)
                .toList())).put("cells", m.totals().size()).put("total", m.grandTotal())));
        JsonObject json = new JsonObject().put("name", t.name()).put("unit", t.unit().code()).put("method", t.method().code())
                .put("variables", new JsonArray(t.variables().stream().map(Object.class::cast).toList())).put("margins", margins);
        if (!t.source().isEmpty()) {
            json.put("source", t.source());
        }
        return json.put("updatedBy", stored.updatedBy()).put("updatedAt", stored.updatedAt());
    }

    /** The values each calibration variable may take: the profile's choices in the current forms, and its age groups. */
    private Map<String, Set<String>> allowedValues() {
        Map<String, Set<String>> allowed = new HashMap<>();
        for (String variable : Target.PERSON_VARIABLES) {
            Set<String> values = new TreeSet<>();
            for (Form form : forms.forms()) {
                Question q = form.question(variable);
                if (q != null && q.choices() != null) {
                    q.choices().stream().map(Choice::value).forEach(values::add);
                }
            }
            allowed.put(variable, values);
        }
        allowed.put("age_group", new TreeSet<>(AGE_GROUPS));
        return allowed;
    }
}
