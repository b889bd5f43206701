package org.tonle.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.tonle.indicators.Stats;

/**
 * One cell of a release: what is published, and the statistics it was computed from. The basis is
 * kept with the release (never published) so the next release can tell how many respondents a cell
 * changed by; a cell carried from the previous release keeps that release's basis. Derived cells
 * (ratios, differences) have none.
 *
 * @param carried whether this release repeats the previous release's cell instead of the live one
 */
record Released(JsonObject json, Stats basis, boolean carried) {

    boolean withheld() {
        return json.getBoolean("suppressed", false);
    }

    Released carriedOver() {
        return new Released(json, basis, true);
    }

    static JsonArray encode(Stats s) {
        return new JsonArray().add(s.n()).add(s.sy()).add(s.w()).add(s.wy()).add(s.w2()).add(s.w2y()).add(s.wy2()).add(s.w2y2());
    }

    static Stats decode(JsonArray a) {
        return a == null ? null : new Stats(a.getLong(0), a.getDouble(1), a.getDouble(2), a.getDouble(3), a.getDouble(4),
                a.getDouble(5), a.getDouble(6), a.getDouble(7));
    }
}
