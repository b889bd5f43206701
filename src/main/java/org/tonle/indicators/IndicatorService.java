package org.tonle.indicators;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading scores: a handful of table reads per request, whatever the number of responses. */
public final class IndicatorService {

    private final IndicatorCatalog catalog;
    private final TableStore store;
    private final Scores scores;

    private final io.vertx.core.Vertx vertx;

    IndicatorService(io.vertx.core.Vertx vertx, IndicatorCatalog catalog, TableStore store) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.scores = new Scores(catalog);
    }

    public IndicatorCatalog catalog() {
        return catalog;
    }

    public Future<Score> score(Indicator indicator, List<String> by) {
        return score(indicator, by, Precision.DEFAULT);
    }

    public Future<Score> score(Indicator indicator, List<String> by, Precision precision) {
        return read(scores.tablesNeeded(indicator, by)).map(tables -> scores.score(indicator, by, tables::get, precision));
    }

    /**
     * A score with the weights calibrated to {@code target} (null: the design weights), from the same
     * one read plus the calibration tables; fails with {@link Calibration.NotApplicable} when the
     * target cannot calibrate this sample. Calibrating is CPU work (tens of milliseconds for a large
     * sample), done on a worker thread, off the event loop.
     */
    public Future<Score> score(Indicator indicator, List<String> by, Precision precision, org.tonle.calibration.Target target) {
        if (target == null) {
            return score(indicator, by, precision);
        }
        return read(scores.tablesNeeded(indicator, by, target)).compose(tables -> vertx.executeBlocking(
                () -> scores.score(indicator, by, tables::get, precision, target), false));
    }

    /** National scores of several indicators, in one read. */
    public Future<List<Score>> nationals(Collection<Indicator> indicators) {
        Set<String> ids = new LinkedHashSet<>();
        indicators.forEach(i -> ids.addAll(scores.tablesNeeded(i, List.of())));
        return read(ids).map(tables -> {
            List<Score> result = new ArrayList<>();
            indicators.forEach(i -> result.add(scores.score(i, List.of(), tables::get)));
            return result;
        });
    }

    /** Sum of the versions of the tables a score reads: it grows whenever the score may have changed. */
    public Future<Long> version(Indicator indicator, List<String> by) {
        return store.versions(scores.tablesNeeded(indicator, by)).map(v -> v.values().stream().mapToLong(Long::longValue).sum());
    }

    public Future<Map<String, Long>> versionsOf(Set<String> tables) {
        return store.versions(tables);
    }

    public Set<String> tablesOf(Indicator indicator, List<String> by) {
        return scores.tablesNeeded(indicator, by);
    }

    /** Every table that any score of any indicator reads (every breakdown, national included). */
    public Set<String> everyTable() {
        Set<String> ids = new LinkedHashSet<>();
        for (Indicator i : catalog.all()) {
            ids.addAll(scores.tablesNeeded(i, List.of()));
            i.disaggregations().forEach(by -> ids.addAll(scores.tablesNeeded(i, by)));
        }
        return ids;
    }

    /**
     * The tables {@code ids} in one read, for a caller that scores many indicators together (a
     * release scores every table of every indicator from one consistent read, with {@link Scores}).
     */
    public Future<Map<String, Map<String, Stats>>> tables(Set<String> ids) {
        return read(ids);
    }

    private Future<Map<String, Map<String, Stats>>> read(Set<String> ids) {
        return store.read(ids);
    }
}
