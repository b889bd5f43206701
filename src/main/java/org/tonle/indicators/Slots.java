package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.tonle.store.DuplicateKeys;

/**
 * The {@code agg_slots} collection: {@code {_id: slot, epoch, heartbeatAt}}. A process claims a
 * slot whose holder has stopped heartbeating (or a new one) and bumps its epoch; from then on only
 * its epoch is alive there. A holder silent for longer than the timeout is dead, even if it later
 * wakes up: its epoch is over, and what it still adds is judged by the documents' held batches.
 */
final class Slots {

    static final String COLLECTION = "agg_slots";

    private final MongoClient mongo;
    private final TableStore tables;
    private final LongSupplier clock;
    private final long timeoutMillis;

    Slots(MongoClient mongo, TableStore tables, LongSupplier clock, long timeoutMillis) {
        this.mongo = mongo;
        this.tables = tables;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Claims the lowest slot whose holder is dead (any slot when {@code alone}: no other process
     * can be using this database), or a new one.
     */
    Future<Writer> claim(boolean alone) {
        return mongo.find(COLLECTION, new JsonObject()).compose(found -> {
            long now = clock.getAsLong();
            JsonObject free = found.stream()
                    .filter(s -> alone || now - s.getLong("heartbeatAt", 0L) > timeoutMillis)
                    .min((a, b) -> Integer.compare(a.getInteger("_id"), b.getInteger("_id"))).orElse(null);
            if (free == null) {
                int next = found.stream().mapToInt(s -> s.getInteger("_id")).max().orElse(-1) + 1;
                return tables.markSlot(next).compose(v -> create(next)).compose(w -> w != null ? Future.succeededFuture(w) : claim(alone));
            }
            return takeOver(free.getInteger("_id"), free.getLong("epoch")).compose(w -> w != null ? Future.succeededFuture(w) : claim(alone));
        });
    }

    private Future<Writer> create(int slot) {
        return mongo.insert(COLLECTION, new JsonObject().put("_id", slot).put("epoch", 1L).put("heartbeatAt", clock.getAsLong()))
                .map(id -> new Writer(slot, 1))
                .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture(null) : Future.failedFuture(e));
    }

    private Future<Writer> takeOver(int slot, long epoch) {
        return tables.markSlot(slot).compose(v -> mongo.updateCollection(COLLECTION, new JsonObject().put("_id", slot).put("epoch", epoch),
                new JsonObject().put("$set", new JsonObject().put("epoch", epoch + 1).put("heartbeatAt", clock.getAsLong()))))
                .map(r -> r.getDocMatched() == 1 ? new Writer(slot, epoch + 1) : null);
    }

    /** Heartbeats for {@code writer}; answers false if its epoch is over (another process claimed the slot). */
    Future<Boolean> heartbeat(Writer writer) {
        return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", writer.slot()).put("epoch", writer.epoch()),
                new JsonObject().put("$set", new JsonObject().put("heartbeatAt", clock.getAsLong())))
                .map(r -> r.getDocMatched() == 1);
    }

    /** Gives the slot up at a clean stop, so that another process may recover and reuse it at once. */
    Future<Void> release(Writer writer) {
        return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", writer.slot()).put("epoch", writer.epoch()),
                new JsonObject().put("$set", new JsonObject().put("heartbeatAt", 0L))).mapEmpty();
    }

    /** Which writers are alive now. */
    Future<Liveness> liveness() {
        return mongo.find(COLLECTION, new JsonObject()).map(found -> {
            Map<Integer, JsonObject> slots = new HashMap<>();
            found.forEach(s -> slots.put(s.getInteger("_id"), s));
            return new Liveness(slots, clock.getAsLong(), timeoutMillis);
        });
    }

    /** The slots as read at one moment. */
    record Liveness(Map<Integer, JsonObject> slots, long now, long timeoutMillis) {
        boolean alive(Writer writer) {
            JsonObject slot = slots.get(writer.slot());
            return slot != null && slot.getLong("epoch") == writer.epoch() && now - slot.getLong("heartbeatAt", 0L) <= timeoutMillis;
        }

        List<Integer> numbers() {
            return slots.keySet().stream().sorted().toList();
        }
    }
}
