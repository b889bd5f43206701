package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * Publishes a version of a form without transactions, safely among any number of processes:
 * <ol>
 * <li>the version is inserted as {@code <formId>/<n>}, n being one more than the current number:
 *     the {@code _id} lets only one publication take n, the unique {@code (formId, version)} index
 *     refuses a version string twice;</li>
 * <li>the catalogue head is moved to it by compare-and-set on its generation.</li>
 * </ol>
 * A process that dies between the two leaves version n stored but not current; the next
 * publication of that form, or the next start, finds it in place of its own n and completes it
 * first (roll forward), so a publication once stored is never lost nor published twice.
 */
final class Publisher {

    private static final int ATTEMPTS = 20;

    /** Who published, and what they were warned of. */
    record Publication(JsonObject by, JsonArray warnings) {}

    private final CatalogStore store;

    Publisher(CatalogStore store) {
        this.store = store;
    }

    /** The stored version's summary; fails with {@code form.version_not_newer} when its version is not newer than the current one. */
    Future<JsonObject> publish(DefinitionSource source, Publication publication) {
        return attempt(source, publication, ATTEMPTS);
    }

    private Future<JsonObject> attempt(DefinitionSource source, Publication publication, int left) {
        if (left == 0) {
            return Future.failedFuture(new IllegalStateException("could not publish " + source.formId()
                    + ": the catalogue kept changing"));
        }
        return store.head().compose(head -> {
            JsonObject current = head.getJsonObject("forms").getJsonObject(source.formId());
            int number = current == null ? 1 : current.getInteger("number") + 1;
            if (current != null && !VersionOrder.isNewer(source.version(), current.getString("version"))) {
                return Future.failedFuture(notNewer(source, current.getString("version")));
            }
            JsonObject doc = document(source, publication, number);
            return store.insertVersion(doc).compose(inserted -> {
                if (inserted) {
                    return makeCurrent(source.formId(), source.version(), number, head.getLong("generation"))
                            .map(v -> summary(doc));
                }
                return store.version(source.formId(), number).compose(taken -> {
                    if (taken == null) {
                        return Future.failedFuture(notNewer(source, source.version())); // the version string is taken
                    }
                    return makeCurrent(source.formId(), taken.getString("version"), number, head.getLong("generation"))
                            .compose(v -> attempt(source, publication, left - 1));
                });
            });
        });
    }

    /** Completes a stored version n whose head move did not happen (a crash) or was beaten by another form's. */
    Future<Void> rollForward(String formId) {
        return store.head().compose(head -> {
            JsonObject current = head.getJsonObject("forms").getJsonObject(formId);
            int next = current == null ? 1 : current.getInteger("number") + 1;
            return store.version(formId, next).compose(orphan -> orphan == null ? Future.<Void>succeededFuture()
                    : makeCurrent(formId, orphan.getString("version"), next, head.getLong("generation"))
                            .compose(v -> rollForward(formId)));
        });
    }

    /** Moves the head to version {@code number}, retrying while other forms' publications move it first. */
    private Future<Void> makeCurrent(String formId, String version, int number, long generation) {
        return store.advance(generation, formId, version, number).compose(moved -> {
            if (moved) {
                return Future.succeededFuture();
            }
            return store.head().compose(head -> {
                JsonObject current = head.getJsonObject("forms").getJsonObject(formId);
                int at = current == null ? 0 : current.getInteger("number");
                if (at >= number) {
                    return Future.succeededFuture(); // another process completed it
                }
                if (at != number - 1) {
                    return Future.failedFuture(new IllegalStateException("version " + number + " of " + formId
                            + " follows version " + at));
                }
                return makeCurrent(formId, version, number, head.getLong("generation"));
            });
        });
    }

    private static Problem notNewer(DefinitionSource source, String current) {
        return new Problem(ProblemCode.FORM_VERSION_NOT_NEWER, java.util.Map.of("id", source.formId(),
                "version", source.version(), "current", current), java.util.List.of());
    }

    private static JsonObject document(DefinitionSource source, Publication publication, int number) {
        JsonArray fragments = new JsonArray();
        source.fragments().forEach((name, text) -> fragments.add(new JsonObject().put("name", name).put("text", text)));
        return new JsonObject()
                .put("_id", CatalogStore.versionId(source.formId(), number))
                .put("formId", source.formId())
                .put("version", source.version())
                .put("number", number)
                .put("format", source.format())
                .put("source", source.json())
                .put("fragments", fragments)
                .put("publishedBy", publication.by())
                .put("publishedAt", new JsonObject().put("$date", Instant.now().toString()))
                .put("warnings", publication.warnings());
    }

    /** A stored version without its source, as the versions list shows it. */
    static JsonObject summary(JsonObject doc) {
        Object at = doc.getValue("publishedAt");
        return new JsonObject()
                .put("formId", doc.getString("formId"))
                .put("version", doc.getString("version"))
                .put("number", doc.getInteger("number"))
                .put("format", doc.getString("format"))
                .put("publishedBy", doc.getJsonObject("publishedBy", new JsonObject()).getString("username"))
                .put("publishedAt", at instanceof JsonObject o ? o.getValue("$date") : at)
                .put("warnings", doc.getJsonArray("warnings", new JsonArray()));
    }

    /** The source of a stored version. */
    static DefinitionSource source(JsonObject doc) {
        java.util.Map<String, String> fragments = new java.util.LinkedHashMap<>();
        doc.getJsonArray("fragments", new JsonArray()).forEach(f -> {
            JsonObject fragment = (JsonObject) f;
            fragments.put(fragment.getString("name"), fragment.getString("text"));
        });
        return new DefinitionSource(doc.getString("formId"), doc.getString("version"), doc.getString("format"),
                doc.getString("source"), fragments);
    }
}
