package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds stored batches to the indicator tables exactly once: the core of the protocol, with no
 * scheduling of its own (see {@link Aggregator} for that).
 *
 * <p>The invariant: every table document holds, besides its cells, the set of batches it holds
 * (per epoch of its slot), and its cells are exactly the sum of the contributions of the
 * submissions of those batches. A batch enters the set in the same compare-and-set that adds its
 * cells, so whoever adds it (its writer, one or several recoverers, a writer that woke up after
 * being taken for dead) finds it already held and adds nothing: at most once, decided by the
 * document, not by timing. Its intent is deleted only after every document it touches holds it,
 * and whoever finds an intent of a writer that stopped adds the batch: at least once.
 */
final class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final TableStore tables;
    private final Intents intents;
    private final SubmissionReader submissions;
    private final RefusedSubmissions refused;
    private final Contributions contributions;
    private final Steps steps;

    Ledger(TableStore tables, Intents intents, SubmissionReader submissions, RefusedSubmissions refused,
            Contributions contributions, Steps steps) {
        this.tables = tables;
        this.intents = intents;
        this.submissions = submissions;
        this.refused = refused;
        this.contributions = contributions;
        this.steps = steps;
    }

    /** What some submissions add: table id to cells, and the ones refused for numbers that are not finite. */
    record Deltas(Map<String, Map<String, Stats>> tables, List<String> refused) {}

    Contributions.Sum sum() {
        return contributions.sum();
    }

    /**
     * Adds to {@code sum} what freshly stored submissions add: the first step of each (nothing for
     * one its form's counted states leave out). A run of batches sums into one {@link Contributions.Sum}
     * as they are stored, so each cell is looked up once per submission, not again per batch.
     */
    void addStored(Contributions.Sum sum, List<JsonObject> documents) {
        for (JsonObject doc : documents) {
            if (doc.getBoolean("counted", true)) {
                add(sum, doc, doc.getJsonObject("answers"), false);
            }
        }
    }

    /** A sum's cells and refused submissions, as added to the tables. */
    static Deltas deltas(Contributions.Sum sum) {
        return new Deltas(sum.deltas(), new ArrayList<>(sum.refused()));
    }

    /**
     * What batch {@code batchId} did to the tables through these submissions (read from the store,
     * whatever their batch): for each whose history holds it, the contribution of that step minus
     * that of the step before, answers of earlier versions looked up as needed.
     */
    Future<Deltas> effects(String batchId, List<String> ids) {
        return submissions.byIds(ids).compose(docs -> {
            List<JsonObject> touched = docs.stream().filter(d -> History.indexOf(History.of(d), batchId) >= 0).toList();
            return submissions.versions(touched).map(versions -> {
                Contributions.Sum sum = contributions.sum();
                touched.forEach(doc -> step(sum, doc, History.of(doc), History.indexOf(History.of(doc), batchId), versions));
                return deltas(sum);
            });
        });
    }

    /** Adds to {@code sum} what step {@code i} of a submission's history did: its contribution, less the step before's. */
    void step(Contributions.Sum sum, JsonObject doc, List<History.Step> steps, int i, Map<String, JsonObject> versions) {
        History.Step now = steps.get(i);
        if (now.counted()) {
            add(sum, doc, answersOf(doc, now.version(), versions), false);
        }
        if (i > 0 && steps.get(i - 1).counted()) {
            add(sum, doc, answersOf(doc, steps.get(i - 1).version(), versions), true);
        }
    }

    private void add(Contributions.Sum sum, JsonObject doc, JsonObject answers, boolean subtract) {
        sum.add(doc.getString("_id"), doc.getString("formId"), answers(answers), weight(doc), doc.getJsonObject("design"), subtract);
    }

    /** The answers of version {@code version}: the current ones on the submission, earlier ones kept apart. */
    static JsonObject answersOf(JsonObject doc, int version, Map<String, JsonObject> versions) {
        if (version == doc.getInteger("version", 1)) {
            return doc.getJsonObject("answers");
        }
        JsonObject kept = versions.get(SubmissionReader.versionKey(doc.getString("_id"), version));
        if (kept == null) {
            throw new IllegalStateException("version " + version + " of submission " + doc.getString("_id") + " is not kept");
        }
        return kept;
    }

    /** The contributions of those of these submissions that batch {@code batchId} touched (after a failed write). */
    Future<Deltas> storedOf(String batchId, List<String> ids) {
        return effects(batchId, ids);
    }

    /**
     * Adds a run of consecutive batches of {@code writer}, stored by this process, summed in
     * {@code deltas}; {@code floor}: every batch of the writer up to it is finished. Where a
     * document already holds some of them (a recoverer got there first), each missing batch is
     * added on its own, from the store. Then the intents go. Answers the tables it touched.
     */
    Future<Set<String>> addRun(Writer writer, List<Long> seqs, long floor, Deltas deltas) {
        List<String> ids = seqs.stream().map(seq -> writer.batch(seq).toString()).toList();
        return refused.record(ids.get(ids.size() - 1), deltas.refused())
                .compose(v -> tables.add(writer, seqs, floor, deltas.tables()))
                .compose(partial -> {
                    if (partial.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    log.info("Batches {}..{} were partly added by another process meanwhile (in {}); adding the missing ones one at a time",
                            ids.get(0), seqs.get(seqs.size() - 1), partial);
                    return oneByOne(writer, seqs, partial, 0);
                })
                .compose(v -> steps.reached(Steps.ADDED, ids.toString()))
                .compose(v -> intents.delete(ids))
                .map(v -> deltas.tables().keySet());
    }

    /** Adds each batch of {@code seqs} that still has an intent, from the store, to the documents {@code only}. */
    private Future<Void> oneByOne(Writer writer, List<Long> seqs, Set<String> only, int i) {
        if (i >= seqs.size()) {
            return Future.succeededFuture();
        }
        String batchId = writer.batch(seqs.get(i)).toString();
        return intents.find(batchId).compose(intent -> intent == null ? Future.succeededFuture()
                : effects(batchId, Intents.submissionIds(intent)).compose(effect -> {
                    Map<String, Map<String, Stats>> mine = new HashMap<>(effect.tables());
                    mine.keySet().removeIf(table -> !only.contains(IndicatorDoc.slotDocId(TableStore.indicatorId(table), writer.slot())));
                    return tables.add(writer, List.of(seqs.get(i)), 0, mine).mapEmpty();
                }))
                .compose(v -> oneByOne(writer, seqs, only, i + 1));
    }

    /**
     * Finishes a batch whose writer stopped, from its intent: looks up which of its submissions
     * were stored and adds them. Answers the tables it touched.
     */
    Future<Set<String>> recover(JsonObject intent) {
        String batchId = intent.getString("_id");
        BatchId batch = BatchId.parse(batchId);
        return steps.reached(Steps.BEFORE_RECOVER, batchId)
                .compose(v -> effects(batchId, Intents.submissionIds(intent)))
                .compose(deltas -> {
                    log.info("Adding batch {} of a stopped writer ({} submission(s) named)", batchId, Intents.submissionIds(intent).size());
                    Future<Void> added = batch == null
                            ? tables.addLegacy(batchId.substring(0, batchId.lastIndexOf(':')), intent.getLong("seq"), deltas.tables())
                            : tables.add(batch.writer(), List.of(batch.seq()), 0, deltas.tables()).mapEmpty();
                    return refused.record(batchId, deltas.refused()).compose(x -> added)
                            .compose(x -> intents.delete(List.of(batchId)))
                            .map(x -> deltas.tables().keySet());
                });
    }

    /** Stored answers as the expression language sees them: lists for select_multiple. */
    static Map<String, Object> answers(JsonObject stored) {
        Map<String, Object> answers = new HashMap<>();
        if (stored != null) {
            for (String name : stored.fieldNames()) {
                Object v = stored.getValue(name);
                answers.put(name, v instanceof JsonArray a ? a.getList() : v);
            }
        }
        return answers;
    }

    /** The stored weight; one that is not a number (never stored by this version) counts as not finite. */
    private static double weight(JsonObject doc) {
        Object w = doc.getValue("weight");
        return w == null ? 1.0 : w instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
