package org.tonle.calibration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;

/**
 * The {@code calibration_targets} collection: one document per target, {@code _id} its name, holding
 * the target as the API shows it and who stored it when. Replacing a target is one
 * find-and-replace, which answers the version it replaced (for the audit log).
 */
public final class TargetStore {

    static final String COLLECTION = "calibration_targets";

    private final MongoClient mongo;

    public TargetStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** A stored target as the API shows it: the target, who stored it and when. */
    public record Stored(Target target, String updatedBy, String updatedAt) {
        public JsonObject json() {
            return target.toJson().put("updatedBy", updatedBy).put("updatedAt", updatedAt);
        }

        static Stored of(JsonObject doc) {
            JsonObject body = doc.copy();
            String name = (String) body.remove("_id");
            String by = (String) body.remove("updatedBy");
            Object at = body.remove("updatedAt");
            return new Stored(TargetParser.stored(name, body), by, at instanceof JsonObject d ? d.getString("$date") : String.valueOf(at));
        }
    }

    /** The target named {@code name}, or null. */
    public Future<Stored> find(String name) {
        return mongo.findOne(COLLECTION, new JsonObject().put("_id", name), null).map(doc -> doc == null ? null : Stored.of(doc));
    }

    /** Every target, by name. */
    public Future<List<Stored>> list() {
        return mongo.findWithOptions(COLLECTION, new JsonObject(), new FindOptions().setSort(new JsonObject().put("_id", 1)))
                .map(docs -> docs.stream().map(Stored::of).toList());
    }

    /** A target stored: the one it replaced (null if none) and itself. */
    public record Change(Stored before, Stored after) {
    }

    /** Stores {@code target}, in place of one of the same name. */
    public Future<Change> put(Target target, String by) {
        String now = Instant.now().toString();
        JsonObject doc = target.toJson();
        doc.remove("name");
        doc.put("_id", target.name()).put("updatedBy", by).put("updatedAt", new JsonObject().put("$date", now));
        return mongo.findOneAndReplaceWithOptions(COLLECTION, new JsonObject().put("_id", target.name()), doc, new FindOptions(),
                new UpdateOptions().setUpsert(true).setReturningNewDocument(false))
                .map(before -> new Change(before == null ? null : Stored.of(before), new Stored(target, by, now)));
    }

    /** Deletes the target named {@code name}; answers it, or null if there was none. */
    public Future<Stored> delete(String name) {
        return mongo.findOneAndDelete(COLLECTION, new JsonObject().put("_id", name)).map(doc -> doc == null ? null : Stored.of(doc));
    }
}
