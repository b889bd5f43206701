package org.tonle.releases;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.text.Normalizer;
import org.tonle.auth.Access;
import org.tonle.auth.Role;
import org.tonle.forms.CleanText;
import org.tonle.forms.Text;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Requests;
import org.tonle.http.Responses;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorRoutes;

/**
 * Releases: admins make them; anyone reads them, logged in or not. What viewers, partners and the
 * public see of the indicators is only this.
 */
public final class ReleaseRoutes {

    private static final int MAX_TITLE = 200;

    private final ReleaseService releases;
    private final Access access;

    public ReleaseRoutes(ReleaseService releases, Access access) {
        this.releases = releases;
        this.access = access;
    }

    public void mount(Router router) {
        router.post("/api/v1/releases").handler(access.allow(Role.ADMIN)).handler(this::create);
        router.get("/api/v1/releases").handler(this::list);
        router.get("/api/v1/releases/:ref").handler(this::release);
        router.get("/api/v1/releases/:ref/indicators/:id").handler(this::score);
    }

    private void create(RoutingContext ctx) {
        Text title = title(Requests.jsonObject(ctx).getValue("title"));
        releases.create(title, Access.principal(ctx).username()).onSuccess(header -> {
            ctx.response().putHeader("Location", "/api/v1/releases/" + header.getInteger("number"));
            Responses.json(ctx, 201, header);
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        releases.list().onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("releases", list))).onFailure(ctx::fail);
    }

    private void release(RoutingContext ctx) {
        releases.release(ctx.pathParam("ref")).onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    private void score(RoutingContext ctx) {
        Indicator indicator = releases.catalog().get(ctx.pathParam("id"));
        if (indicator == null) {
            throw Problem.of(ProblemCode.INDICATOR_NOT_FOUND, "id", ctx.pathParam("id"));
        }
        var by = IndicatorRoutes.by(indicator, ctx.queryParams().get("by"));
        releases.score(ctx.pathParam("ref"), indicator, by).onSuccess(s -> Responses.json(ctx, 200, s)).onFailure(ctx::fail);
    }

    /** {"en": "...", "km": "..."}: both languages, each a short line of clean text. */
    private static Text title(Object value) {
        if (value instanceof JsonObject t && t.getValue("en") instanceof String en && t.getValue("km") instanceof String km
                && usable(en) && usable(km)) {
            return Text.of(Normalizer.normalize(en.strip(), Normalizer.Form.NFC), Normalizer.normalize(km.strip(), Normalizer.Form.NFC));
        }
        throw Problem.invalid("'title' must be {\"en\": …, \"km\": …}, each 1 to " + MAX_TITLE + " characters of text",
                "'title' ត្រូវតែជា {\"en\": …, \"km\": …} ដែលនីមួយៗមានពី ១ ដល់ ២០០ តួអក្សរ");
    }

    private static boolean usable(String s) {
        return !s.isBlank() && s.length() <= MAX_TITLE && CleanText.isClean(s);
    }
}
