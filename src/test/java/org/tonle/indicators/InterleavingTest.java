package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;
import org.tonle.submissions.AnswerValidator;
import org.tonle.submissions.SubmissionService;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/**
 * The exactly-once protocol driven step by step: simulated server processes share one real store
 * (mongo-java-server over the MongoDB driver) and one clock that only the test moves; each is
 * held at the protocol's await points ({@link Steps}) and released in the order a scenario needs.
 * Every scenario ends with a recount of the stored submissions: the tables must equal it.
 *
 * <p>The first scenario is the one that double-counted before each table document kept the set
 * of batches it holds (a writer's group of batches was guarded by its last number only).
 */
class InterleavingTest {

    private static final long TIMEOUT = 2_000;
    private static final String NATIONAL = Tables.id("internet_use", List.of());
    private static final Map<String, Form> FORMS = TestForms.load();
    private static final IndicatorCatalog CATALOG = IndicatorLoader.load(TestForms.files(), FormLoader.load(TestForms.files()));

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private MongoServer server;
    private Vertx vertx;
    private MongoClient mongo;
    private final List<Indicators> processes = new ArrayList<>();

    /** A simulated server process: its own writer, its own gates, nothing on timers. */
    private record Process(Indicators indicators, Gates gates) {
        Aggregator aggregator() {
            return indicators.aggregator();
        }
    }

    @BeforeEach
    void start() {
        server = new MongoServer(H2Backend.inMemory());
        String uri = server.bindAndGetConnectionString();
        vertx = Vertx.vertx();
        mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri).put("db_name", "tonle"));
    }

    @AfterEach
    void stop() {
        TestServer.await(vertx.close());
        server.shutdownNow();
    }

    private Process process() {
        Gates gates = new Gates();
        Indicators indicators = new Indicators(vertx, mongo, CATALOG, new Indicators.Settings(TIMEOUT, 0, false, 0, 60_000),
                clock::get, gates, false);
        TestServer.await(onContext(() -> indicators.start(false)));
        processes.add(indicators);
        return new Process(indicators, gates);
    }

    @Test
    @DisplayName("a writer paused past its timeout resumes while a recoverer is half-way through its batches: each counted once")
    void writerPausedPastItsTimeoutResumes() {
        Process writer = process();
        store(writer, 5);
        awaitIdle(writer);
        // batches 3 and 4 queue up while the writer finishes batch 2, and go as one run
        Gates.Gate finishing2 = writer.gates().hold(Steps.ADDED, batches -> batches.contains(":2"));
        store(writer, 5);
        await(finishing2.reached());
        store(writer, 10);
        store(writer, 10);
        Gates.Gate pausedInRun = writer.gates().hold(Steps.BEFORE_WRITE, doc -> doc.equals("internet_use#0"));
        finishing2.release();
        await(pausedInRun.reached());

        // the writer is silent for longer than the timeout: another process finishes batch 3 and stops before 4
        clock.addAndGet(TIMEOUT + 1);
        Process recoverer = process();
        Gates.Gate before4 = recoverer.gates().hold(Steps.BEFORE_RECOVER, batch -> batch.endsWith(":4"));
        Future<Void> sweep = onContext(() -> recoverer.aggregator().sweep());
        await(before4.reached());
        assertThat(national(recoverer)).as("batch 3 recovered, batch 4 not yet").isEqualTo(5 + 5 + 10);

        // the writer wakes up and writes its run {3, 4}; then the recoverer goes on with batch 4
        pausedInRun.release();
        awaitIdle(writer);
        before4.release();
        await(sweep);
        assertExact(recoverer, 30);
    }

    @Test
    @DisplayName("two processes recover one dead writer's batches at the same time: each batch counted once")
    void twoRecoverersOfOneDeadWriter() {
        Process dead = process();
        Gates.Gate crash = dead.gates().hold(Steps.BEFORE_WRITE, doc -> true);
        store(dead, 7);
        await(crash.reached());
        store(dead, 8);
        store(dead, 9);
        clock.addAndGet(TIMEOUT + 1);

        Process first = process();
        Process second = process();
        Gates.Gate firstAtWrite = first.gates().hold(Steps.BEFORE_WRITE, doc -> doc.startsWith("internet_use#"));
        Gates.Gate secondAtWrite = second.gates().hold(Steps.BEFORE_WRITE, doc -> doc.startsWith("internet_use#"));
        Future<Void> a = onContext(() -> first.aggregator().sweep());
        Future<Void> b = onContext(() -> second.aggregator().sweep());
        await(firstAtWrite.reached());
        await(secondAtWrite.reached());
        // both have read the same version of the document and are about to write batch 1 into it
        firstAtWrite.release();
        secondAtWrite.release();
        await(a);
        await(b);
        assertExact(first, 24);
    }

    @Test
    @DisplayName("a recompute starts while a recovery is half-way: it corrects nothing, and the recovery finishes once")
    void recomputeDuringRecovery() {
        Process dead = process();
        Gates.Gate crash = dead.gates().hold(Steps.BEFORE_WRITE, doc -> true);
        store(dead, 6);
        await(crash.reached());
        store(dead, 6);
        store(dead, 6);
        clock.addAndGet(TIMEOUT + 1);

        Process recoverer = process();
        Gates.Gate beforeLast = recoverer.gates().hold(Steps.BEFORE_RECOVER, batch -> batch.endsWith(":3"));
        Future<Void> sweep = onContext(() -> recoverer.aggregator().sweep());
        await(beforeLast.reached());

        Process admin = process();
        Gates.Gate snapshot = admin.gates().hold(Steps.RECOUNT_SNAPSHOT, d -> true);
        Future<JsonObject> recompute = onContext(() -> admin.indicators().recompute().run());
        await(snapshot.reached());
        beforeLast.release();
        await(sweep);
        snapshot.release();
        JsonObject report = await(recompute);
        assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
        assertExact(admin, 18);
    }

    @Test
    @DisplayName("a recompute corrects a wrong table while a writer adds to it: the batches added meanwhile stay counted once")
    void recomputeCorrectsWhileAWriterAdds() {
        Process writer = process();
        store(writer, 10);
        awaitIdle(writer);
        corrupt("internet_use#0", 3);
        assertThat(national(writer)).isEqualTo(13);

        Process admin = process();
        Gates.Gate correcting = admin.gates().hold(Steps.BEFORE_CORRECT, doc -> doc.equals("internet_use#0"));
        Future<JsonObject> recompute = onContext(() -> admin.indicators().recompute().run());
        await(correcting.reached());
        store(writer, 4);
        awaitIdle(writer);
        correcting.release();
        JsonObject report = await(recompute);
        assertThat(report.getLong("differences")).isPositive();
        assertExact(admin, 14);
    }

    @Test
    @DisplayName("a writer taken for dead whose slot was claimed goes on under a new epoch: old and new batches counted once")
    void writerThatLostItsEpoch() {
        Process sleeper = process();
        store(sleeper, 5);
        awaitIdle(sleeper);
        clock.addAndGet(TIMEOUT + 1);
        Process other = process();
        assertThat(other.aggregator().writer()).as("takes the sleeper's slot over").isEqualTo("0.2");
        List<String> late = store(sleeper, 6);
        assertThat(sleeper.aggregator().writer()).isEqualTo("1.1");
        assertThat(late).hasSize(6);
        awaitIdle(sleeper);
        store(other, 7);
        awaitIdle(other);
        assertExact(other, 18);
    }

    @Test
    @DisplayName("a process dies after rejecting submissions and before moving the tables: another finishes the move, once")
    void moveFinishedByARecoverer() {
        Process reviewer = process();
        List<String> ids = store(reviewer, 20);
        awaitIdle(reviewer);
        Gates.Gate crash = reviewer.gates().hold(Steps.BEFORE_WRITE, doc -> true);
        move(reviewer, ids.subList(0, 6), false, 1, null);
        await(crash.reached());

        clock.addAndGet(TIMEOUT + 1);
        Process recoverer = process();
        await(onContext(() -> recoverer.aggregator().sweep()));
        assertExact(recoverer, 20, 14);
    }

    @Test
    @DisplayName("a correction and a restore race a recoverer and a recompute: every step counted once, the old answers taken away once")
    void correctionsAndRestoresUnderRecovery() {
        Process writer = process();
        List<String> ids = store(writer, 12);
        awaitIdle(writer);
        move(writer, ids.subList(0, 3), false, 1, null);
        awaitIdle(writer);
        // a correction of a counted submission (its internet use flips) and the restore of a rejected one, in one batch
        Gates.Gate paused = writer.gates().hold(Steps.BEFORE_WRITE, doc -> doc.equals("internet_use#0"));
        move(writer, List.of(ids.get(5)), true, 2, flipped(ids.get(5)));
        await(paused.reached());
        move(writer, List.of(ids.get(0)), true, 1, null);

        clock.addAndGet(TIMEOUT + 1);
        Process recoverer = process();
        Process admin = process();
        Gates.Gate snapshot = admin.gates().hold(Steps.RECOUNT_SNAPSHOT, d -> true);
        Future<JsonObject> recompute = onContext(() -> admin.indicators().recompute().run());
        await(snapshot.reached());
        await(onContext(() -> recoverer.aggregator().sweep()));
        paused.release();
        awaitIdle(writer);
        snapshot.release();
        JsonObject report = await(recompute);
        assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
        assertExact(admin, 12, 10);
    }

    /**
     * Changes what some submissions count as the data lifecycle does: an intent, then each
     * submission's history step (with new answers as version {@code version}, the old ones kept),
     * then the batch handed to the process to add. The process is held at whatever gate is armed.
     */
    private void move(Process p, List<String> ids, boolean counted, int version, JsonObject answers) {
        String batch = await(onContext(() -> p.aggregator().beforeStore(ids)));
        for (String id : ids) {
            JsonObject doc = await(mongo.findOne("submissions", new JsonObject().put("_id", id), null));
            JsonObject set = new JsonObject();
            if (answers != null) {
                await(mongo.insert(SubmissionReader.VERSIONS, new JsonObject().put("_id", SubmissionReader.versionKey(id,
                        doc.getInteger("version", 1))).put("answers", doc.getJsonObject("answers"))));
                set.put("answers", answers).put("version", version);
            }
            JsonObject update = new JsonObject().put("$push", new JsonObject().put("counts", new JsonObject().put("b", batch)
                    .put("c", counted).put("v", version)));
            if (!set.isEmpty()) {
                update.put("$set", set);
            }
            await(mongo.updateCollection("submissions", new JsonObject().put("_id", id), update));
        }
        await(onContext(() -> {
            p.aggregator().storeFailed(batch, ids);
            return Future.succeededFuture();
        }));
    }

    /** The stored answers of a submission with its Internet use the other way round. */
    private JsonObject flipped(String id) {
        JsonObject answers = await(mongo.findOne("submissions", new JsonObject().put("_id", id), null)).getJsonObject("answers").copy();
        boolean online = "yes".equals(answers.getString("internet_use"));
        answers.put("internet_use", online ? "no" : "yes");
        if (online) {
            answers.remove("internet_frequency");
            answers.put("no_internet_reasons", new io.vertx.core.json.JsonArray().add("device_cost"));
        } else {
            answers.remove("no_internet_reasons");
            answers.put("internet_frequency", "daily");
        }
        return answers;
    }

    /** Stores {@code count} submissions as one batch through the process's hooks, as the ingestor does. */
    private List<String> store(Process p, int count) {
        List<JsonObject> docs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Respondent r : Respondent.population(count)) {
            AnswerValidator.Result valid = AnswerValidator.validate(FORMS.get("digital-literacy"), r.answers());
            String id = new ObjectId().toHexString();
            ids.add(id);
            docs.add(new JsonObject().put("_id", id).put("formId", "digital-literacy").put("instanceId", UUID.randomUUID().toString())
                    .put("answers", SubmissionService.storedAnswers(valid.answers())).put("weight", r.weight()));
        }
        String batch = await(onContext(() -> p.aggregator().beforeStore(ids)));
        docs.forEach(d -> d.put("agg", batch));
        await(mongo.bulkWrite("submissions", docs.stream().map(io.vertx.ext.mongo.BulkOperation::createInsert).toList()));
        await(onContext(() -> {
            p.aggregator().stored(batch, docs);
            return Future.succeededFuture();
        }));
        return ids;
    }

    /** Adds {@code extra} respondents to a document's national cell, as a double count would. */
    private void corrupt(String docId, int extra) {
        JsonObject found = await(mongo.findOne(TableStore.COLLECTION, new JsonObject().put("_id", docId), null));
        IndicatorDoc doc = IndicatorDoc.of(found);
        Stats more = Stats.EMPTY;
        for (int i = 0; i < extra; i++) {
            more = more.plus(Stats.of(1, 1));
        }
        doc.add(Map.of("_", Map.of(Tables.NATIONAL_CELL, more)));
        await(mongo.replaceDocuments(TableStore.COLLECTION, new JsonObject().put("_id", docId), doc.toJson(doc.version + 1)));
    }

    /** The tables equal a recount of the stored submissions, and count {@code submissions} respondents nationally. */
    private void assertExact(Process p, long submissions) {
        assertExact(p, submissions, submissions);
    }

    /** As {@link #assertExact(Process, long)}, with {@code counted} of the {@code submissions} counting. */
    private void assertExact(Process p, long submissions, long counted) {
        assertThat(national(p)).isEqualTo(counted);
        Recount.Result result = await(onContext(() -> new Recount(vertx, new TableStore(mongo, Steps.NONE), new Intents(mongo, false),
                new SubmissionReader(mongo), new Ledger(null, null, null, null, new Contributions(CATALOG), Steps.NONE), Steps.NONE)
                .run(Recount.Pace.FULL_SPEED)));
        JsonObject report = result.report();
        assertThat(report.getLong("submissions")).isEqualTo(submissions);
        assertThat(report.getLong("differences")).as(report.encodePrettily()).isZero();
        assertThat(result.adopted).as("no finished batch is missing from a table").isEmpty();
        assertThat(await(mongo.count(Intents.COLLECTION, new JsonObject()))).as("every batch finished").isZero();
    }

    private long national(Process p) {
        Map<String, Map<String, Stats>> tables = await(onContext(() -> new TableStore(mongo, Steps.NONE).read(java.util.Set.of(NATIONAL))));
        return tables.getOrDefault(NATIONAL, Map.of()).getOrDefault(Tables.NATIONAL_CELL, Stats.EMPTY).n();
    }

    private void awaitIdle(Process p) {
        Eventually.await("the process has added everything it stored", 30_000, () -> await(onContext(() ->
                Future.succeededFuture(p.aggregator().idle()))));
    }

    /** Runs on an event loop, as the server does: the aggregator is not thread-safe by design. */
    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
        io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> action.get().onComplete(done));
        return done.future();
    }

    private io.vertx.core.Context context;

    @BeforeEach
    void context() {
        context = vertx.getOrCreateContext();
    }

    private static <T> T await(Future<T> future) {
        return TestServer.await(future);
    }
}
