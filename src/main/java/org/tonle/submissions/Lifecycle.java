package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tonle.audit.Audit;

/**
 * Review, correction, deletion and restoring of stored submissions, one or many at a time.
 *
 * <p>Every change that alters what a submission contributes to the indicators (its review state
 * in or out of the counted set, a correction of a counted submission, a deletion, a restore) is a
 * batch of the exactly-once protocol, like storing: its intent is written first, then each
 * submission is changed with a compare-and-set on its revision that also appends the step to its
 * counting history ({@code counts: [{b, c, v}]}: batch, counted, answers version), and the batch is
 * then added to the tables by reading back which submissions it changed. A crash anywhere leaves an
 * intent that any process finishes; a retried request finds nothing left to change.
 */
public final class Lifecycle {

    /**
     * Submissions per move batch. The tables cost about the same to update for a batch of 1,000 as
     * for one of 5,000: at 1,000 the scores of a bulk rejection of 10,000 followed 5.5 s after the
     * request, at 5,000 1.4 s.
     */
    static final int CHUNK = 5_000;

    private final LifecycleStore store;
    private final CountedStates counted;
    private final IngestHooks hooks;
    private final Audit audit;

    public Lifecycle(LifecycleStore store, CountedStates counted, IngestHooks hooks, Audit audit) {
        this.store = store;
        this.counted = counted;
        this.hooks = hooks;
        this.audit = audit;
    }

    LifecycleStore store() {
        return store;
    }

    /** What one change does to one submission: fields to set and remove, and whether and how it counts after it. */
    record Plan(JsonObject submission, JsonObject set, List<String> unset, boolean counts, int version) {
        boolean moves() {
            boolean before = countsNow(submission);
            return before != counts || counts && version != submission.getInteger("version", 1);
        }
    }

    /** Whether a stored submission counts in the indicators now: the last step of its history. */
    static boolean countsNow(JsonObject submission) {
        JsonArray steps = submission.getJsonArray("counts");
        return steps == null || steps.isEmpty() ? submission.getBoolean("counted", true)
                : steps.getJsonObject(steps.size() - 1).getBoolean("c");
    }

    /** Whether a submission in this state should count, given its form's setting and the trash. */
    boolean shouldCount(String formId, ReviewState state, boolean deleted) {
        return !deleted && counted.counts(formId, state);
    }

    /** Sets the review state of the selected submissions; answers how many changed. */
    Future<Integer> review(String formId, List<JsonObject> docs, ReviewState state, String comment, Audit.Actor who) {
        JsonObject review = new JsonObject().put("state", state.code()).put("comment", comment)
                .put("by", new JsonObject().put("id", who.id()).put("username", who.username()))
                .put("at", Instant.now().toString());
        return apply(docs, doc -> {
            if (!reviewChanges(doc, state, comment)) {
                return null;
            }
            return new Plan(doc, new JsonObject().put("review", review), List.of(), shouldCount(formId, state, false),
                    doc.getInteger("version", 1));
        });
    }

    /** Whether setting this review would change the submission: a review sent again with the same comment does not. */
    static boolean reviewChanges(JsonObject doc, ReviewState state, String comment) {
        JsonObject current = doc.getJsonObject("review");
        return ReviewState.of(doc) != state || current == null || !java.util.Objects.equals(current.getString("comment"), comment);
    }

    /** Moves the selected submissions to the trash (they stop counting); answers how many moved. */
    Future<Integer> delete(List<JsonObject> docs, Audit.Actor who) {
        JsonObject deleted = new JsonObject().put("at", new JsonObject().put("$date", Instant.now().toString()))
                .put("by", new JsonObject().put("id", who.id()).put("username", who.username()));
        return apply(docs, doc -> doc.containsKey("deleted") ? null
                : new Plan(doc, new JsonObject().put("deleted", deleted), List.of(), false, doc.getInteger("version", 1)));
    }

    /** Brings submissions back from the trash; they count again if their state does. */
    Future<Integer> restore(String formId, List<JsonObject> docs) {
        return apply(docs, doc -> !doc.containsKey("deleted") ? null : new Plan(doc, new JsonObject(), List.of("deleted"),
                shouldCount(formId, ReviewState.of(doc), false), doc.getInteger("version", 1)));
    }

    /**
     * Makes the counting of the selected submissions follow their form's counted states (after the
     * setting changed); answers how many moved.
     */
    Future<Integer> recount(String formId, List<JsonObject> docs) {
        return apply(docs, doc -> {
            boolean should = shouldCount(formId, ReviewState.of(doc), doc.containsKey("deleted"));
            return should == countsNow(doc) ? null : new Plan(doc, new JsonObject(), List.of(), should, doc.getInteger("version", 1));
        });
    }

    /**
     * A new version of one submission's answers ({@code answers} validated already; the earlier
     * ones are kept by the caller first). Answers whether it was applied (false: it changed meanwhile).
     */
    Future<Boolean> correct(String formId, JsonObject doc, JsonObject answers, JsonObject extra) {
        int version = doc.getInteger("version", 1) + 1;
        JsonObject set = extra.copy().put("answers", answers).put("version", version);
        Plan plan = new Plan(doc, set, List.of(), shouldCount(formId, ReviewState.of(doc), doc.containsKey("deleted")), version);
        return apply(List.of(doc), d -> plan).map(n -> n == 1);
    }

    /**
     * Plans every submission's change, then writes them a chunk at a time: the chunks that move the
     * tables under a batch of their own (intent, compare-and-set with the step, reading back),
     * the others as plain compare-and-sets.
     */
    private Future<Integer> apply(List<JsonObject> docs, Function<JsonObject, Plan> planner) {
        List<Plan> moving = new ArrayList<>();
        List<Plan> still = new ArrayList<>();
        for (JsonObject doc : docs) {
            Plan plan = planner.apply(doc);
            if (plan != null) {
                (plan.moves() ? moving : still).add(plan);
            }
        }
        Future<Integer> done = Future.succeededFuture(0);
        for (int from = 0; from < moving.size(); from += CHUNK) {
            List<Plan> chunk = moving.subList(from, Math.min(moving.size(), from + CHUNK));
            done = done.compose(n -> move(chunk).map(m -> n + m));
        }
        for (int from = 0; from < still.size(); from += CHUNK) {
            List<Plan> chunk = still.subList(from, Math.min(still.size(), from + CHUNK));
            done = done.compose(n -> store.write(chunk.stream().map(p -> change(p, null)).toList()).map(m -> n + m));
        }
        return done;
    }

    private Future<Integer> move(List<Plan> chunk) {
        List<String> ids = chunk.stream().map(p -> p.submission().getString("_id")).toList();
        return hooks.beforeStore(ids).compose(batch -> hooks.beforeWrite(batch).compose(v -> store.write(chunk.stream()
                .map(p -> change(p, new JsonObject().put("b", batch).put("c", p.counts()).put("v", p.version()))).toList()))
                .onComplete(ar -> hooks.storeFailed(batch, ids)));
    }

    private static LifecycleStore.Change change(Plan p, JsonObject step) {
        return new LifecycleStore.Change(p.submission(), p.set(), p.unset(), step);
    }

    /**
     * Removes for good what has been in the trash since before {@code before}, once its removal from
     * the tables is settled (its last batch is in the tables everywhere); answers how many.
     */
    Future<Integer> purge(Instant before) {
        return store.expired(before).compose(expired -> {
            int[] purged = {0};
            Future<Void> chain = Future.succeededFuture();
            for (JsonObject doc : expired) {
                chain = chain.compose(v -> hooks.settled(lastBatch(doc)).compose(settled -> {
                    if (!settled) {
                        return Future.succeededFuture();
                    }
                    purged[0]++;
                    return store.remove(doc);
                }));
            }
            return chain.map(v -> purged[0]);
        });
    }

    private static String lastBatch(JsonObject doc) {
        JsonArray steps = doc.getJsonArray("counts");
        return steps == null || steps.isEmpty() ? doc.getString("agg") : steps.getJsonObject(steps.size() - 1).getString("b");
    }
}
