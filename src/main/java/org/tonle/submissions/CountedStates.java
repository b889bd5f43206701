package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which review states count in the indicators, per form ({@code form_settings}: {@code {_id: formId,
 * countedStates: [...]}}); by default {@link ReviewState#COUNTED_BY_DEFAULT}. Every process reads the
 * settings again every {@link #REFRESH_MILLIS}: a change is seen everywhere within that, which is
 * how long a change of the setting waits before it moves the submissions (see {@link Lifecycle}).
 */
public final class CountedStates {

    static final String COLLECTION = "form_settings";
    static final long REFRESH_MILLIS = 1_000;

    private final MongoClient mongo;
    private volatile Map<String, Set<ReviewState>> byForm = Map.of();

    public CountedStates(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** Reads the settings now and then every second. */
    public Future<Void> start(Vertx vertx) {
        vertx.setPeriodic(REFRESH_MILLIS, t -> refresh());
        return refresh();
    }

    private Future<Void> refresh() {
        return mongo.find(COLLECTION, new JsonObject()).map(docs -> {
            Map<String, Set<ReviewState>> read = new HashMap<>();
            docs.forEach(d -> read.put(d.getString("_id"), states(d.getJsonArray("countedStates", new JsonArray()))));
            byForm = read;
            return null;
        });
    }

    public Set<ReviewState> of(String formId) {
        return byForm.getOrDefault(formId, ReviewState.COUNTED_BY_DEFAULT);
    }

    public boolean counts(String formId, ReviewState state) {
        return of(formId).contains(state);
    }

    /** Stores a form's setting (seen by every process within a second). */
    Future<Void> set(String formId, Set<ReviewState> states, String by) {
        JsonArray codes = new JsonArray();
        states.stream().sorted().forEach(s -> codes.add(s.code()));
        return mongo.updateCollectionWithOptions(COLLECTION, new JsonObject().put("_id", formId), new JsonObject().put("$set",
                new JsonObject().put("countedStates", codes).put("changedBy", by).put("changedAt", Instant.now().toString())),
                new UpdateOptions().setUpsert(true)).compose(r -> refresh());
    }

    private static Set<ReviewState> states(JsonArray codes) {
        Set<ReviewState> states = EnumSet.noneOf(ReviewState.class);
        codes.forEach(c -> ReviewState.parse(c).ifPresent(states::add));
        return states;
    }
}
