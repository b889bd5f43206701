package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import org.tonle.store.DuplicateKeys;

/**
 * The catalogue of forms in the database, shared by every server process. Reads go by {@code _id}
 * or a unique index only (the embedded store maintains no other index):
 * <ul>
 * <li>{@code form_catalog}, one document {@code _id: "current"}: {@code generation} (bumped by every
 *     publication) and {@code forms: {formId: {version, number}}}, the current version of each form.
 *     Processes poll it by id to learn of publications; a publication moves it by compare-and-set.</li>
 * <li>{@code form_versions}: every published version, {@code _id: "<formId>/<number>"}, unique on
 *     {@code (formId, version)}; the source as JSON text, never as keys built from what an author wrote.</li>
 * <li>{@code form_drafts}: at most one draft per form, {@code _id: formId}.</li>
 * </ul>
 */
final class CatalogStore {

    static final String HEAD = "form_catalog";
    static final String VERSIONS = "form_versions";
    static final String DRAFTS = "form_drafts";
    private static final String HEAD_ID = "current";

    private final MongoClient mongo;

    CatalogStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    Future<Void> prepare() {
        return mongo.createIndexWithOptions(VERSIONS, new JsonObject().put("formId", 1).put("version", 1),
                        new IndexOptions().unique(true).name("form_version"))
                .compose(v -> mongo.insert(HEAD, new JsonObject().put("_id", HEAD_ID).put("generation", 0L)
                        .put("forms", new JsonObject())).<Void>mapEmpty()
                        .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture() : Future.failedFuture(e)));
    }

    static String versionId(String formId, int number) {
        return formId + "/" + number;
    }

    /** {@code {generation, forms: {formId: {version, number}}}}. */
    Future<JsonObject> head() {
        return mongo.findOne(HEAD, new JsonObject().put("_id", HEAD_ID), null)
                .map(head -> head == null ? new JsonObject().put("generation", 0L).put("forms", new JsonObject()) : head);
    }

    /** Moves the current version of {@code formId} to {@code number}, if nothing was published since {@code generation}. */
    Future<Boolean> advance(long generation, String formId, String version, int number) {
        JsonObject update = new JsonObject()
                .put("$set", new JsonObject().put("forms." + formId, new JsonObject().put("version", version).put("number", number)))
                .put("$inc", new JsonObject().put("generation", 1L));
        return mongo.updateCollection(HEAD, new JsonObject().put("_id", HEAD_ID).put("generation", generation), update)
                .map(r -> r.getDocMatched() == 1);
    }

    Future<JsonObject> version(String formId, int number) {
        return mongo.findOne(VERSIONS, new JsonObject().put("_id", versionId(formId, number)), null);
    }

    Future<JsonObject> versionNamed(String formId, String version) {
        return mongo.findOne(VERSIONS, new JsonObject().put("formId", formId).put("version", version), null);
    }

    /** Versions 1 to {@code upTo} of a form, oldest first, without their sources. */
    Future<List<JsonObject>> versions(String formId, int upTo) {
        JsonArray ids = new JsonArray();
        for (int n = 1; n <= upTo; n++) {
            ids.add(versionId(formId, n));
        }
        JsonObject fields = new JsonObject().put("source", 0).put("fragments", 0);
        return mongo.findWithOptions(VERSIONS, new JsonObject().put("_id", new JsonObject().put("$in", ids)),
                new io.vertx.ext.mongo.FindOptions().setFields(fields)).map(docs -> {
                    List<JsonObject> sorted = new ArrayList<>(docs);
                    sorted.sort(java.util.Comparator.comparingInt(d -> d.getInteger("number")));
                    return sorted;
                });
    }

    /** False when a version with this number or this version string is already stored. */
    Future<Boolean> insertVersion(JsonObject doc) {
        return mongo.insert(VERSIONS, doc).map(id -> true)
                .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    Future<JsonObject> draft(String formId) {
        return mongo.findOne(DRAFTS, new JsonObject().put("_id", formId), null);
    }

    /** Every draft, without its source (few: one per form at most). */
    Future<List<JsonObject>> drafts() {
        return mongo.findWithOptions(DRAFTS, new JsonObject(), new io.vertx.ext.mongo.FindOptions()
                .setFields(new JsonObject().put("source", 0).put("fragments", 0)));
    }

    /** Stores the draft of a form, replacing the one there was. */
    Future<Void> saveDraft(JsonObject draft) {
        return mongo.replaceDocumentsWithOptions(DRAFTS, new JsonObject().put("_id", draft.getString("_id")), draft,
                new UpdateOptions().setUpsert(true)).mapEmpty();
    }

    /** Stores the draft of a new form; false when the form already has one. */
    Future<Boolean> insertDraft(JsonObject draft) {
        return mongo.insert(DRAFTS, draft).map(id -> true)
                .recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    /** Removes the draft that was published, unless it was replaced in the meantime. */
    Future<Void> removeDraft(String formId, String revision) {
        return mongo.removeDocument(DRAFTS, new JsonObject().put("_id", formId).put("revision", revision)).mapEmpty();
    }
}
