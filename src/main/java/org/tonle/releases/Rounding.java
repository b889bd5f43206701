package org.tonle.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Estimate;
import org.tonle.indicators.Indicator;

/**
 * How a released cell is written: the live cell's shape, coarsened. Exact weighted totals make every
 * difference between two tables exact (the answer of the one respondent who changed them, to six
 * decimals); rounded ones blur it. A withheld cell says only "withheld": the live reasons told a
 * primary small count (1..k−1 have, or lack, the attribute) from a complementary cell.
 */
final class Rounding {

    static final String WITHHELD = "withheld";
    /** Respondent counts (n, effective n) are published to a multiple of this. */
    static final int COUNT_BASE = 5;
    /** Weighted totals (people in the population) are published to a multiple of this. */
    static final int WEIGHTED_BASE = 100;

    private Rounding() {
    }

    static JsonObject withheld(Map<String, String> key) {
        JsonObject json = key == null ? new JsonObject() : new JsonObject().put("key", new JsonObject(new LinkedHashMap<>(key)));
        return json.put("suppressed", true).put("reason", WITHHELD);
    }

    /** A published cell: values to one decimal (two for a ratio), counts to a base of 5, weighted totals to 100. */
    static JsonObject cell(Cell c, Indicator.Unit unit, boolean withKey) {
        Map<String, String> key = withKey ? c.key() : null;
        if (c.suppressed()) {
            return withheld(key);
        }
        Estimate e = c.estimate();
        int places = unit == Indicator.Unit.RATIO ? 2 : 1;
        JsonObject json = key == null ? new JsonObject() : new JsonObject().put("key", new JsonObject(new LinkedHashMap<>(key)));
        return json.put("value", round(e.value(), places)).put("se", round(e.se(), places))
                .put("ci", e.lo() == null ? null : new JsonArray().add(round(e.lo(), places)).add(round(e.hi(), places)))
                .put("n", toBase(e.n(), COUNT_BASE)).put("weightedN", toBase(e.weightedN(), WEIGHTED_BASE))
                .put("nEff", e.nEff() == null ? null : toBase(e.nEff(), COUNT_BASE))
                .put("deff", round(e.deff(), 1)).put("df", e.df()).put("cv", round(e.cv(), 2))
                .put("flag", c.flag() == null ? null : c.flag().code())
                .put("suppressed", false);
    }

    static Double round(Double v, int places) {
        if (v == null) {
            return null;
        }
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }

    static long toBase(double v, int base) {
        return Math.round(v / base) * base;
    }
}
