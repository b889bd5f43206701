package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/**
 * Reads one form's stored submissions for an export, page after page in {@code _id} order: each
 * page is "the next {@value #PAGE} after the last id read", which MongoDB answers from its
 * {@code _id} index and the embedded store by starting where the last page ended
 * (org.tonle.store.StoreCollection), so memory stays one page whatever the number of
 * submissions, and no query holds a result the size of the collection.
 *
 * <p>The snapshot: only submissions received up to the export's start ({@code receivedAt ≤ asOf})
 * are read, so one that arrives while the export runs is wholly outside it, even when its id sorts
 * after the page being read. Submissions are never changed once stored, so a page read later shows
 * each as it was at the start.
 */
final class SubmissionPages implements Pages {

    static final String COLLECTION = "submissions";
    private static final JsonObject FIELDS = new JsonObject().put("instanceId", 1).put("formVersion", 1).put("answers", 1)
            .put("weight", 1).put("receivedAt", 1).put("collectedAt", 1).put("submittedBy", 1).put("design", 1).put("review", 1);

    private final MongoClient mongo;
    private final JsonObject filter;
    private String after = "";
    private boolean done;

    SubmissionPages(MongoClient mongo, JsonObject filter) {
        this.mongo = mongo;
        this.filter = filter;
    }

    /** The filter of an export: the form, the snapshot and what the analyst asked for; {@code scope} may narrow it (or be null). */
    static JsonObject filter(String formId, Instant asOf, ExportRequest request, JsonObject scope) {
        JsonArray all = new JsonArray()
                .add(new JsonObject().put("formId", formId))
                .add(new JsonObject().put("receivedAt", new JsonObject().put("$lte", date(asOf))))
                // neither in the trash nor purged (a purged submission leaves a tombstone)
                .add(new JsonObject().put("deleted", new JsonObject().put("$exists", false)))
                .add(new JsonObject().put("purged", new JsonObject().put("$exists", false)));
        JsonObject states = ReviewStates.filter(request.states());
        if (states != null) {
            all.add(states);
        }
        if (request.version() != null) {
            all.add(new JsonObject().put("formVersion", request.version()));
        }
        if (!request.provinces().isEmpty()) {
            all.add(new JsonObject().put("answers.province", new JsonObject().put("$in", new JsonArray(List.copyOf(request.provinces())))));
        }
        JsonObject dates = dates(request);
        if (dates != null) {
            all.add(dates);
        }
        if (scope != null) {
            all.add(scope);
        }
        return new JsonObject().put("$and", all);
    }

    /** since/until on collectedAt (receivedAt where the phone sent none) or on receivedAt. */
    private static JsonObject dates(ExportRequest request) {
        if (request.since() == null && request.until() == null) {
            return null;
        }
        JsonObject range = new JsonObject();
        if (request.since() != null) {
            range.put("$gte", date(request.since()));
        }
        if (request.until() != null) {
            range.put("$lt", date(request.until()));
        }
        if (request.byReceived()) {
            return new JsonObject().put("receivedAt", range);
        }
        return new JsonObject().put("$or", new JsonArray()
                .add(new JsonObject().put("collectedAt", range))
                .add(new JsonObject().put("collectedAt", new JsonObject().put("$exists", false)).put("receivedAt", range.copy())));
    }

    static JsonObject date(Instant at) {
        return new JsonObject().put("$date", at.toString());
    }

    @Override
    public Future<List<JsonObject>> next() {
        if (done) {
            return Future.succeededFuture(List.of());
        }
        // the id condition at the top of the query: the embedded store starts its reading there
        JsonObject byId = new JsonObject().put("_id", new JsonObject().put("$gt", after)).put("$and", filter.getJsonArray("$and"));
        return mongo.findWithOptions(COLLECTION, byId, new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(PAGE)
                .setFields(FIELDS)).map(page -> {
                    if (page.size() < PAGE) {
                        done = true;
                    }
                    if (!page.isEmpty()) {
                        after = page.get(page.size() - 1).getString("_id");
                    }
                    return page;
                });
    }
}
