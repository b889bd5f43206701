package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the tables in the background: recounts the stored submissions, slowly (a bounded number
 * of reads per minute), and compares the result with the tables, so that a double count or a
 * missing batch in the field is seen within a pass, not at the next manual recompute. It reports
 * (log, {@code /health}, metrics) and corrects nothing: correcting is recompute's, asked for by an
 * admin who has seen the report. While submissions are arriving it reads at a tenth of its pace:
 * the phones come first.
 */
public final class SelfCheck {

    private static final Logger log = LoggerFactory.getLogger(SelfCheck.class);
    private static final int CHUNK = 500;

    private final Vertx vertx;
    private final Recount recount;
    private final Recompute recompute;
    private final TableStore tables;
    private final Intents intents;
    private final long perMinute;
    private final long intervalMillis;
    private final BooleanSupplier busy;
    private JsonObject last;
    private String state = "waiting";
    private long differences;
    private long passes;
    private Long timer;
    private boolean stopped;

    /**
     * @param perMinute submissions read per minute (0: the self-check is off)
     * @param intervalMillis time between the end of one pass and the start of the next
     * @param busy whether submissions are arriving: then the pass reads at a tenth of its pace
     */
    SelfCheck(Vertx vertx, Recount recount, Recompute recompute, TableStore tables, Intents intents, long perMinute, long intervalMillis,
            BooleanSupplier busy) {
        this.busy = busy;
        this.vertx = vertx;
        this.recount = recount;
        this.recompute = recompute;
        this.tables = tables;
        this.intents = intents;
        this.perMinute = perMinute;
        this.intervalMillis = intervalMillis;
    }

    public void start(long firstDelayMillis) {
        if (perMinute <= 0) {
            state = "off";
            return;
        }
        timer = vertx.setTimer(Math.max(1, firstDelayMillis), t -> pass());
    }

    public void stop() {
        stopped = true;
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** {@code {state, differences, passes, lastPass: {startedAt, finishedAt, submissions, tables, differences, examples}}}. */
    public JsonObject status() {
        JsonObject status = new JsonObject().put("state", state).put("differences", differences).put("passes", passes)
                .put("readsPerMinute", perMinute);
        if (last != null) {
            status.put("lastPass", last);
        }
        return status;
    }

    /** Differences found by the last pass (0 before the first). */
    public long differences() {
        return differences;
    }

    private void pass() {
        if (stopped) {
            return;
        }
        state = "running";
        String startedAt = Instant.now().toString();
        long pauseMillis = Math.max(0, CHUNK * 60_000L / perMinute);
        recompute.check()
                .compose(v -> recount.run(new Recount.Pace(CHUNK, pauseMillis, busy)))
                .compose(this::withoutInFlight)
                .onSuccess(report -> finished(report.put("startedAt", startedAt).put("finishedAt", Instant.now().toString())))
                .onFailure(e -> {
                    state = e instanceof Recompute.TooLarge ? "too_large" : "failed";
                    log.warn("The tables' self-check could not finish: {}", e.toString());
                })
                .onComplete(ar -> {
                    if (!stopped) {
                        timer = vertx.setTimer(Math.max(1, intervalMillis), t -> pass());
                    }
                });
    }

    private void finished(JsonObject report) {
        passes++;
        last = report;
        differences = report.getLong("differences");
        state = differences == 0 ? "ok" : "differences";
        if (differences == 0) {
            log.debug("Self-check: the tables equal a recount of {} submissions", report.getLong("submissions"));
        } else {
            log.warn("Self-check: {} cell(s) of {} table(s) differ from a recount of the stored submissions; an admin should "
                    + "run a recompute. First: {}", differences, report.getJsonArray("differingTables").size(),
                    report.getJsonArray("examples").stream().findFirst().orElse(null));
        }
    }

    /**
     * A batch found in no table and with no intent when the pass began may only have been in
     * flight then (its intent written after that, and added since): left out of the report unless
     * the tables still lack it and it has no intent now.
     */
    private Future<JsonObject> withoutInFlight(Recount.Result result) {
        if (result.adopted.isEmpty()) {
            return Future.succeededFuture(result.report());
        }
        return Future.all(tables.snapshot(), intents.all()).map(both -> {
            Map<String, IndicatorDoc> now = both.resultAt(0);
            Set<String> pending = new HashSet<>();
            both.<java.util.List<JsonObject>>resultAt(1).forEach(i -> pending.add(i.getString("_id")));
            result.adopted.forEach((docId, batches) -> batches.keySet().removeIf(batch -> pending.contains(batch.toString())
                    || (now.containsKey(docId) && now.get(docId).holds(batch.toString()))));
            result.adopted.values().removeIf(Map::isEmpty);
            return result.report();
        });
    }
}
