package org.tonle.releases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Disclosure;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.Score;
import org.tonle.indicators.Stats;
import org.tonle.indicators.Tables;

/**
 * One live table as a release reads it: a proportion or mean by one breakdown (none for the national
 * figure), its cells scored without disclosure control (a release applies its own, to all tables
 * at once), and the statistics behind each cell, keyed by the breakdown's values.
 * Against a previous release the statistics are those the release stands for: a carried cell's
 * previous basis (see {@link Differencing}).
 */
record LiveTable(Indicator indicator, List<String> by, Score score, Map<List<String>, Stats> stats) {

    /** Tables of indicators answered by the same respondents (the same forms) may give one another away. */
    String family() {
        return String.join("+", new TreeSet<>(indicator.forms()));
    }

    LiveTable withStats(Map<List<String>, Stats> effective) {
        return new LiveTable(indicator, by, score, effective);
    }

    String id() {
        return Tables.id(indicator.id(), by);
    }

    /** The people in the denominator, as the definitions say: tables with the same key count the same people. */
    String populationKey() {
        return family() + "|" + String.join(" and ", Populations.denominator(indicator)) + (indicator.perHousehold() ? "|households" : "");
    }

    Disclosure.Rules rules() {
        return Disclosure.Rules.of(indicator, by);
    }

    /** Every scored cell by its values in the breakdown's order; the national table has the one cell []. */
    Map<List<String>, Cell> cells() {
        Map<List<String>, Cell> cells = new LinkedHashMap<>();
        if (by.isEmpty()) {
            cells.put(List.of(), score.national());
            return cells;
        }
        for (Cell c : score.cells()) {
            List<String> values = new ArrayList<>();
            by.forEach(d -> values.add(c.key().get(d)));
            cells.put(values, c);
        }
        return cells;
    }
}
