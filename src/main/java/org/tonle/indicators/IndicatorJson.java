package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tonle.http.Responses;

/** The JSON of indicators and scores. A suppressed cell carries no value, no interval and no counts. */
public final class IndicatorJson {

    private IndicatorJson() {
    }

    public static JsonObject summary(Indicator i, Cell national) {
        return new JsonObject()
                .put("id", i.id())
                .put("formId", i.forms().size() == 1 ? i.forms().iterator().next() : null)
                .put("forms", new JsonArray(i.forms().stream().map(Object.class::cast).toList()))
                .put("category", i.category())
                .put("theme", i.theme())
                .put("title", Responses.text(i.title()))
                .put("unit", i.unit().code())
                .put("kind", i.kind().code())
                .put("source", i.source())
                .put("weights", DESIGN)
                .put("estimate", cell(national, false));
    }

    /** What the estimates of a score were weighted with: {@code "design"}, or the calibration in full. */
    public static Object weights(Calibration calibration) {
        if (calibration == null) {
            return DESIGN;
        }
        return new JsonObject().put("calibrated", calibration.target().name()).put("method", calibration.target().method().code())
                .put("unit", calibration.target().unit().code())
                .put("variables", new JsonArray(calibration.target().variables().stream().map(Object.class::cast).toList()))
                .put("total", calibration.total()).put("passes", calibration.passes()).put("converged", calibration.converged());
    }

    /** The short label each cell carries: {@code "design"} or {@code {"calibrated": <target>, "method": …}}. */
    private static Object cellWeights(Calibration calibration) {
        return calibration == null ? DESIGN : new JsonObject().put("calibrated", calibration.target().name())
                .put("method", calibration.target().method().code());
    }

    private static final String DESIGN = "design";

    public static JsonObject score(Score s) {
        Indicator i = s.indicator();
        JsonObject json = summary(i, s.national());
        Object label = cellWeights(s.calibration());
        json.put("weights", weights(s.calibration()));
        if (!s.national().suppressed()) {
            json.getJsonObject("estimate").put("weights", label);
        }
        json.put("universe", Responses.text(i.universeLabel()));
        json.put("by", new JsonArray(s.by().stream().map(Object.class::cast).toList()));
        json.put("disaggregations", new JsonArray(i.disaggregations().stream().map(d -> (Object) String.join(",", d)).toList()));
        JsonArray cells = new JsonArray();
        s.cells().forEach(c -> cells.add(c.suppressed() ? cell(c, true) : cell(c, true).put("weights", label)));
        json.put("cells", cells);
        return json;
    }

    static JsonObject cell(Cell c, boolean withKey) {
        JsonObject json = new JsonObject();
        if (withKey) {
            json.put("key", new JsonObject(new java.util.LinkedHashMap<>(c.key())));
        }
        if (c.suppressed()) {
            return json.put("suppressed", true).put("reason", c.suppressedBecause().code());
        }
        Estimate e = c.estimate();
        json.put("value", e.value()).put("se", e.se())
                .put("ci", e.lo() == null ? null : new JsonArray().add(e.lo()).add(e.hi()))
                .put("n", e.n()).put("weightedN", e.weightedN()).put("nEff", e.nEff())
                .put("deff", e.deff()).put("df", e.df()).put("cv", e.cv())
                .put("flag", c.flag() == null ? null : c.flag().code())
                .put("suppressed", false);
        return json;
    }
}
