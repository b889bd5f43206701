package org.tonle.releases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.tonle.forms.Text;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Responses;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorService;

/**
 * Making and reading releases: frozen, numbered snapshots of every indicator table with the
 * publication rules applied, for everyone who may not see the live tables.
 */
public final class ReleaseService {

    /** A release still building after this long was abandoned by a process that stopped: its number is skipped. */
    static final long ABANDONED_AFTER_MILLIS = 10 * 60_000;

    private final Vertx vertx;
    private final IndicatorService indicators;
    private final ReleaseStore store;
    private final ReleaseBuilder builder;
    private final LongSupplier clock;

    public ReleaseService(Vertx vertx, MongoClient mongo, IndicatorService indicators) {
        this.vertx = vertx;
        this.indicators = indicators;
        this.store = new ReleaseStore(mongo);
        this.builder = new ReleaseBuilder(indicators.catalog());
        this.clock = System::currentTimeMillis;
    }

    /** The number the next release takes and the complete release it is compared with (0: none). */
    private record Plan(int number, int previous) {}

    /** Makes the next release from the live tables as they are now. */
    public Future<JsonObject> create(Text title, String by) {
        return store.headers().compose(this::plan).compose(plan -> previous(plan.previous())
                .compose(before -> indicators.tables(indicators.everyTable())
                        .compose(tables -> vertx.executeBlocking(() -> builder.build(tables::get, before), false)))
                .compose(released -> store(plan, title, by, released)));
    }

    private Future<Plan> plan(List<JsonObject> headers) {
        int next = headers.isEmpty() ? 1 : headers.get(0).getInteger("_id") + 1;
        List<Future<Boolean>> abandoning = new ArrayList<>();
        for (JsonObject h : headers) {
            String state = h.getString("state");
            if (ReleaseStore.COMPLETE.equals(state)) {
                return Future.all(abandoning).map(v -> new Plan(next, h.getInteger("_id")));
            }
            if (ReleaseStore.BUILDING.equals(state)) {
                if (clock.getAsLong() - Instant.parse(h.getString("createdAt")).toEpochMilli() < ABANDONED_AFTER_MILLIS) {
                    return Future.failedFuture(Problem.of(ProblemCode.RELEASE_IN_PROGRESS, "number", String.valueOf(h.getInteger("_id"))));
                }
                abandoning.add(store.finish(h.getInteger("_id"), ReleaseStore.ABANDONED));
            }
        }
        return Future.all(abandoning).map(v -> new Plan(next, 0));
    }

    private Future<Map<String, ReleasedIndicator>> previous(int number) {
        if (number == 0) {
            return Future.succeededFuture(Map.of());
        }
        List<String> ids = indicators.catalog().all().stream().map(Indicator::id).toList();
        return store.all(number, ids).map(docs -> {
            Map<String, ReleasedIndicator> byId = new LinkedHashMap<>();
            docs.forEach(d -> byId.put(d.getString("indicator"), ReleasedIndicator.fromDocument(d)));
            return byId;
        });
    }

    private Future<JsonObject> store(Plan plan, Text title, String by, Map<String, ReleasedIndicator> released) {
        JsonArray summaries = new JsonArray();
        released.forEach((id, r) -> {
            var national = r.tables().getOrDefault(List.of(), Map.of()).get(List.of());
            summaries.add(ReleaseJson.summary(indicators.catalog().get(id), national == null ? Rounding.withheld(null) : national.json()));
        });
        JsonObject header = new JsonObject().put("_id", plan.number()).put("state", ReleaseStore.BUILDING)
                .put("previous", plan.previous() == 0 ? null : plan.previous()).put("title", Responses.text(title))
                .put("createdAt", Instant.ofEpochMilli(clock.getAsLong()).toString()).put("createdBy", by).put("indicators", summaries);
        List<JsonObject> documents = released.values().stream().map(r -> r.toDocument(plan.number())).toList();
        return store.claim(header).compose(claimed -> claimed
                ? store.insertTables(documents).compose(v -> store.finish(plan.number(), ReleaseStore.COMPLETE))
                        .map(v -> ReleaseJson.header(header))
                : Future.failedFuture(Problem.of(ProblemCode.RELEASE_IN_PROGRESS, "number", String.valueOf(plan.number()))));
    }

    /** Every complete release, newest first. */
    public Future<JsonArray> list() {
        return store.headers().map(headers -> new JsonArray(headers.stream()
                .filter(h -> ReleaseStore.COMPLETE.equals(h.getString("state"))).map(h -> (Object) ReleaseJson.header(h)).toList()));
    }

    /** A release with its scorecard; {@code ref} is its number or "latest". */
    public Future<JsonObject> release(String ref) {
        Map<String, Indicator> byId = new LinkedHashMap<>();
        indicators.catalog().all().forEach(i -> byId.put(i.id(), i));
        return resolve(ref).map(stored -> ReleaseJson.withScorecard(stored, byId));
    }

    /** One indicator of a release by a breakdown, in the live API's shape. */
    public Future<JsonObject> score(String ref, Indicator indicator, List<String> by) {
        return resolve(ref).compose(stored -> store.published(stored.getInteger("_id"), indicator.id()).map(doc -> {
            if (doc == null) {
                throw Problem.of(ProblemCode.INDICATOR_NOT_FOUND, "id", indicator.id());
            }
            return ReleaseJson.score(indicator, by, ReleasedIndicator.fromDocument(doc), stored);
        }));
    }

    public org.tonle.indicators.IndicatorCatalog catalog() {
        return indicators.catalog();
    }

    private Future<JsonObject> resolve(String ref) {
        if ("latest".equals(ref)) {
            return store.headers().compose(headers -> headers.stream().filter(h -> ReleaseStore.COMPLETE.equals(h.getString("state")))
                    .findFirst().map(h -> store.header(h.getInteger("_id"))).orElseGet(() -> notFound(ref)));
        }
        int number;
        try {
            number = Integer.parseInt(ref);
        } catch (NumberFormatException e) {
            return notFound(ref);
        }
        return store.header(number).compose(h -> h != null && ReleaseStore.COMPLETE.equals(h.getString("state"))
                ? Future.succeededFuture(h) : notFound(ref));
    }

    private static Future<JsonObject> notFound(String ref) {
        return Future.failedFuture(Problem.of(ProblemCode.RELEASE_NOT_FOUND, "number", ref));
    }
}
