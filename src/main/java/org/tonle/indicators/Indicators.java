package org.tonle.indicators;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.function.LongSupplier;

/**
 * The indicators feature put together: the tables, the exactly-once ledger and its scheduling,
 * recompute and the self-check, from one database and one catalogue. The verticle wires this, and
 * tests build it with their own clock and {@link Steps}.
 */
public final class Indicators {

    /**
     * @param writerTimeoutMillis how long a process may miss heartbeats before another finishes its batches
     * @param recomputeMax the most submissions one recount may read (0: no limit)
     * @param orderedCommits whether the store commits every write in order (the embedded store)
     * @param selfCheckPerMinute submissions the background self-check reads per minute (0: off)
     * @param selfCheckIntervalMillis pause between two self-check passes
     */
    public record Settings(long writerTimeoutMillis, long recomputeMax, boolean orderedCommits, long selfCheckPerMinute,
            long selfCheckIntervalMillis) {
    }

    private final TableStore tables;
    private final Intents intents;
    private final RefusedSubmissions refused;
    private final Aggregator aggregator;
    private final IndicatorService service;
    private final Recompute recompute;
    private final RecomputeJobs jobs;
    private final SelfCheck selfCheck;
    private final Settings settings;
    private final boolean background;

    public Indicators(Vertx vertx, MongoClient mongo, IndicatorCatalog catalog, Settings settings) {
        this(vertx, mongo, catalog, settings, System::currentTimeMillis, Steps.NONE, true);
    }

    /** @param background whether to heartbeat, sweep and self-check on timers (see {@link Aggregator}) */
    Indicators(Vertx vertx, MongoClient mongo, IndicatorCatalog catalog, Settings settings, LongSupplier clock, Steps steps,
            boolean background) {
        this.settings = settings;
        this.background = background;
        tables = new TableStore(mongo, steps);
        intents = new Intents(mongo, settings.orderedCommits());
        refused = new RefusedSubmissions(mongo);
        SubmissionReader submissions = new SubmissionReader(mongo);
        Ledger ledger = new Ledger(tables, intents, submissions, refused, new Contributions(catalog), steps);
        Slots slots = new Slots(mongo, tables, clock, settings.writerTimeoutMillis());
        aggregator = new Aggregator(vertx, slots, intents, ledger, clock, settings.writerTimeoutMillis(), background);
        service = new IndicatorService(vertx, catalog, tables);
        Recount recount = new Recount(vertx, tables, intents, submissions, ledger, steps);
        recompute = new Recompute(recount, tables, refused, submissions, settings.recomputeMax());
        jobs = new RecomputeJobs(mongo, recompute, aggregator);
        selfCheck = new SelfCheck(vertx, recount, recompute, tables, intents, settings.selfCheckPerMinute(),
                settings.selfCheckIntervalMillis(), aggregator::ingesting);
    }

    /**
     * Starts adding batches; {@code alone}: no other process can use this database, so what a
     * previous run left unfinished is finished before this completes.
     */
    public Future<Void> start(boolean alone) {
        return aggregator.start(alone).onSuccess(v -> {
            if (background) {
                selfCheck.start(settings.selfCheckIntervalMillis());
            }
        });
    }

    public Future<Void> stop() {
        selfCheck.stop();
        return aggregator.stop();
    }

    public Aggregator aggregator() {
        return aggregator;
    }

    public IndicatorService service() {
        return service;
    }

    public RecomputeJobs jobs() {
        return jobs;
    }

    public SelfCheck selfCheck() {
        return selfCheck;
    }

    Recompute recompute() {
        return recompute;
    }

    /** Compare-and-set writes of table documents by this process, and the retries after losing a race. */
    public long tableWrites() {
        return tables.writes();
    }

    public long tableWriteRetries() {
        return tables.conflicts();
    }

    /** For {@code /health}: this process's writer, its counts, and the self-check's last result. */
    public JsonObject health() {
        return new JsonObject()
                .put("writer", aggregator.writer())
                .put("batchesAdded", aggregator.batchesAdded())
                .put("tableWrites", tables.writes())
                .put("tableWriteRetries", tables.conflicts())
                .put("parkedRuns", aggregator.parkedRuns())
                .put("pendingBatches", aggregator.pendingBatches())
                .put("unfinishedBatches", aggregator.unfinishedSeen())
                .put("selfCheck", selfCheck.status());
    }

    /** Registers the indicators' gauges: what {@link #health()} shows, for a metrics scraper. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tonle.selfcheck.differences", selfCheck, SelfCheck::differences)
                .description("cells that differed from a recount in the last self-check pass").register(registry);
        Gauge.builder("tonle.selfcheck.passes", selfCheck, s -> s.status().getLong("passes")).register(registry);
        Gauge.builder("tonle.indicators.batches.added", aggregator, Aggregator::batchesAdded).register(registry);
        Gauge.builder("tonle.indicators.table.writes", tables, TableStore::writes).register(registry);
        Gauge.builder("tonle.indicators.table.write.retries", tables, TableStore::conflicts)
                .description("compare-and-set writes of table documents that lost a race and were retried").register(registry);
        Gauge.builder("tonle.indicators.parked.runs", aggregator, Aggregator::parkedRuns).register(registry);
    }

    /** What the tables could not take: refused submissions and parked batches, for an admin. */
    public Future<JsonObject> setAside() {
        return Future.all(refused.list(), intents.parked()).map(both -> new JsonObject()
                .put("refused", new JsonArray(both.<java.util.List<JsonObject>>resultAt(0)))
                .put("parked", new JsonArray(both.<java.util.List<JsonObject>>resultAt(1))));
    }
}
