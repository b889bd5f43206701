package org.tonle.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorJson;
import org.tonle.indicators.RoamX;
import org.tonle.http.Responses;

/** The JSON of releases: indicators and scores in the live API's shape, from released cells. */
final class ReleaseJson {

    private static final Cell PLACEHOLDER = new Cell(Map.of(), null, null, Disclosure.Reason.SMALL_COUNT);

    private ReleaseJson() {
    }

    /** What a list of releases shows of one; the title, number and date, never who made it. */
    static JsonObject header(JsonObject stored) {
        return new JsonObject().put("number", stored.getInteger("_id")).put("title", stored.getJsonObject("title"))
                .put("createdAt", stored.getString("createdAt"));
    }

    static JsonObject summary(Indicator i, JsonObject national) {
        return IndicatorJson.summary(i, PLACEHOLDER).put("estimate", national);
    }

    /** A release with its scorecard: ROAM-X categories, then themes, then indicators with their national figures. */
    static JsonObject withScorecard(JsonObject stored, Map<String, Indicator> indicators) {
        Map<String, Map<String, JsonArray>> grouped = new TreeMap<>();
        for (Object o : stored.getJsonArray("indicators", new JsonArray())) {
            JsonObject summary = (JsonObject) o;
            Indicator i = indicators.get(summary.getString("id"));
            if (i != null) {
                grouped.computeIfAbsent(i.category(), c -> new TreeMap<>()).computeIfAbsent(i.theme(), t -> new JsonArray()).add(summary);
            }
        }
        JsonArray categories = new JsonArray();
        grouped.forEach((category, themes) -> {
            JsonArray themeList = new JsonArray();
            themes.forEach((theme, list) -> themeList.add(new JsonObject().put("theme", theme).put("indicators", list)));
            categories.add(new JsonObject().put("category", category).put("name", Responses.text(RoamX.name(category)))
                    .put("themes", themeList));
        });
        return header(stored).put("categories", categories);
    }

    static JsonObject score(Indicator i, List<String> by, ReleasedIndicator released, JsonObject stored) {
        Released national = released.tables().getOrDefault(List.of(), Map.of()).get(List.of());
        JsonObject json = summary(i, national == null ? Rounding.withheld(null) : national.json());
        json.put("universe", Responses.text(i.universeLabel()));
        json.put("by", new JsonArray(List.copyOf(by)));
        json.put("disaggregations", new JsonArray(i.disaggregations().stream().map(d -> (Object) String.join(",", d)).toList()));
        JsonArray cells = new JsonArray();
        if (!by.isEmpty()) {
            released.tables().getOrDefault(by, Map.of()).values().forEach(c -> cells.add(c.json()));
        }
        return json.put("cells", cells).put("release", header(stored));
    }
}
