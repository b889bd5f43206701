package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.tonle.forms.Form;

/**
 * Accepting submissions: validate, store once, and tell a retry apart from a conflict.
 * A single submission is a batch of one, so both paths share every rule.
 */
public final class SubmissionService {

    private final SubmissionStore store;
    private final Ingestor ingestor;
    private final CountedStates counted;
    private final Replacements replacements;
    private final LifecycleStore lifecycleStore;

    /**
     * @param counted which review states count: a new submission is received, and counts at once
     *     unless its form's setting leaves received submissions out
     * @param lifecycle for corrections sent as new submissions ({@code replaces})
     */
    public SubmissionService(SubmissionStore store, IngestHooks hooks, CountedStates counted, Lifecycle lifecycle,
            org.tonle.forms.FormCatalog catalog, org.tonle.audit.Audit audit) {
        this.store = store;
        this.ingestor = new Ingestor(store::insertAll, hooks);
        this.counted = counted;
        this.lifecycleStore = lifecycle.store();
        this.replacements = new Replacements(lifecycle.store(), new Corrections(lifecycle, new FormVersions(catalog), audit));
    }

    /**
     * Outcomes in the order of {@code items}; the future fails only when the store cannot be
     * reached. A document the store refuses is that item's {@code FAILED} outcome alone.
     */
    public Future<List<Outcome>> submit(List<Incoming> items) {
        Outcome[] outcomes = new Outcome[items.size()];
        List<Integer> replacing = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).replaces() != null) {
                replacing.add(i);
            }
        }
        if (!replacing.isEmpty()) {
            return replaceEach(items, replacing, outcomes, 0).compose(v -> submitNew(items, outcomes, replacing));
        }
        return submitNew(items, outcomes, replacing);
    }

    /** Corrections sent as new submissions, one after the other (two may name the same submission). */
    private Future<Void> replaceEach(List<Incoming> items, List<Integer> replacing, Outcome[] outcomes, int k) {
        if (k >= replacing.size()) {
            return Future.succeededFuture();
        }
        int i = replacing.get(k);
        return replacements.replace(items.get(i)).compose(o -> {
            outcomes[i] = o;
            return replaceEach(items, replacing, outcomes, k + 1);
        });
    }

    private Future<List<Outcome>> submitNew(List<Incoming> all, Outcome[] outcomes, List<Integer> replacing) {
        List<Incoming> items = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!replacing.contains(i)) {
                items.add(all.get(i));
                at.add(i);
            }
        }
        return submitStored(items).map(stored -> {
            for (int k = 0; k < stored.size(); k++) {
                outcomes[at.get(k)] = stored.get(k);
            }
            return Arrays.asList(outcomes);
        });
    }

    private Future<List<Outcome>> submitStored(List<Incoming> items) {
        Outcome[] outcomes = new Outcome[items.size()];
        List<JsonObject> documents = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Integer> invalid = new ArrayList<>();
        Instant receivedAt = Instant.now();
        for (int i = 0; i < items.size(); i++) {
            Incoming in = items.get(i);
            AnswerValidator.Result result = AnswerValidator.validate(in.form(), in.rawAnswers(), receivedAt);
            if (result.valid()) {
                JsonObject doc = document(in, result.answers(), receivedAt);
                if (!counted.counts(in.form().id(), ReviewState.RECEIVED)) {
                    doc.put("counted", false);
                }
                documents.add(doc);
                positions.add(i);
            } else {
                outcomes[i] = Outcome.rejected(in, result.problems());
                invalid.add(i);
            }
        }
        return ingestor.store(documents).compose(written -> {
            List<Future<?>> lookups = new ArrayList<>();
            for (int p = 0; p < positions.size(); p++) {
                int i = positions.get(p);
                Incoming in = items.get(i);
                if (written.failed().containsKey(p)) {
                    outcomes[i] = Outcome.failed(in, written.failed().get(p));
                } else if (written.duplicates().contains(p)) {
                    lookups.add(store.find(in.form().id(), in.instanceId()).map(stored -> {
                        outcomes[i] = Outcome.of(sameContent(stored, in) ? Outcome.Status.DUPLICATE : Outcome.Status.CONFLICT, in);
                        return null;
                    }));
                } else {
                    outcomes[i] = Outcome.of(Outcome.Status.ACCEPTED, in);
                }
            }
            // A retry of something accepted earlier stays a duplicate even if the form has changed since.
            for (int i : invalid) {
                Incoming in = items.get(i);
                lookups.add(store.find(in.form().id(), in.instanceId()).map(stored -> {
                    if (stored != null && sameContent(stored, in)) {
                        outcomes[i] = Outcome.of(Outcome.Status.DUPLICATE, in);
                    }
                    return null;
                }));
            }
            return Future.all(lookups).map(done -> Arrays.asList(outcomes));
        });
    }

    /** One stored submission, or null; {@code submitters} non-null limits it to what those accounts submitted. */
    public Future<JsonObject> find(Form form, String instanceId, Set<String> submitters) {
        return lifecycleStore.byInstance(form.id(), instanceId).map(stored -> stored == null || stored.containsKey("purged")
                || !submittedBy(stored, submitters)
                ? null : SubmissionJson.view(stored, form));
    }

    /**
     * A page of the stored submissions that the selection names, and the cursor of the next page
     * (null on the last).
     */
    public Future<JsonObject> page(Form form, Selection selection, String after, int limit, boolean newestFirst) {
        return store.page(form.id(), selection, after, limit, newestFirst).map(docs -> {
            JsonArray items = new JsonArray();
            docs.forEach(d -> items.add(SubmissionJson.view(d, form)));
            String next = docs.size() == limit ? docs.get(docs.size() - 1).getString("_id") : null;
            return new JsonObject().put("submissions", items).put("next", next);
        });
    }

    private static boolean submittedBy(JsonObject stored, Set<String> submitters) {
        return submitters == null || submitters.contains(stored.getJsonObject("submittedBy", new JsonObject()).getString("id"));
    }

    private static boolean sameContent(JsonObject stored, Incoming in) {
        if (stored == null) {
            throw new IllegalStateException("instanceId " + in.instanceId() + " was refused as a duplicate but is not stored");
        }
        return in.contentHash().equals(stored.getString("contentHash"));
    }

    /** Validated answers as stored: one field per question, select_multiple answers as arrays. */
    public static JsonObject storedAnswers(Map<String, Object> answers) {
        JsonObject stored = new JsonObject();
        answers.forEach((name, value) -> stored.put(name, value instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : value));
        return stored;
    }

    /** The stored shape: allowlisted fields only, never the client's body. */
    private static JsonObject document(Incoming in, Map<String, Object> answers, Instant receivedAt) {
        JsonObject stored = storedAnswers(answers);
        JsonObject doc = new JsonObject()
                .put("_id", new ObjectId().toHexString())
                .put("formId", in.form().id())
                .put("instanceId", in.instanceId())
                .put("formVersion", in.form().version())
                .put("answers", stored)
                .put("weight", in.weight())
                .put("receivedAt", new JsonObject().put("$date", receivedAt.toString()))
                .put("contentHash", in.contentHash());
        if (in.submitter() != null) {
            doc.put("submittedBy", new JsonObject().put("id", in.submitter().id()).put("username", in.submitter().username()));
        }
        if (in.collectedAt() != null) {
            doc.put("collectedAt", new JsonObject().put("$date", in.collectedAt().toString()));
        }
        if (in.design() != null) {
            doc.put("design", new JsonObject(new java.util.LinkedHashMap<>(in.design())));
        }
        return doc;
    }
}
