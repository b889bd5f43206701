package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current version of every form, held in memory so that reading one costs nothing, with its
 * JSON rendered once and a strong ETag over those bytes (phones re-checking a form on 3G get a 304
 * without the server doing any work). The database holds the truth ({@link CatalogStore}); this
 * copy follows it by reading the catalogue head, one document by id, every refresh interval, and
 * at once after a publication in this process. Older versions are loaded when a submission names
 * one, by their unique key, and kept in a small cache.
 */
public final class FormCatalog {

    private static final Logger log = LoggerFactory.getLogger(FormCatalog.class);
    private static final int OLDER_VERSIONS_KEPT = 32;

    /** A response body rendered once: the bytes and their entity tag. */
    public record Rendered(Buffer body, String etag) {
        static Rendered of(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return new Rendered(Buffer.buffer(bytes), entityTag(bytes));
        }
    }

    /** The current version of one form. */
    record Current(String version, int number, Form form, Rendered definition) {}

    private record Snapshot(long generation, Map<String, Current> forms, Rendered list) {}

    private final Vertx vertx;
    private final CatalogStore store;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Rendered.of("[]"));
    private final AtomicReference<Future<Void>> refreshing = new AtomicReference<>();
    private final Map<String, Form> older = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Form> eldest) {
            return size() > OLDER_VERSIONS_KEPT;
        }
    };

    FormCatalog(Vertx vertx, CatalogStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** The current version of a form, or null. */
    public Form form(String id) {
        Current current = snapshot.forms().get(id);
        return current == null ? null : current.form();
    }

    public Collection<Form> forms() {
        return snapshot.forms().values().stream().map(Current::form).toList();
    }

    public Rendered list() {
        return snapshot.list();
    }

    public Rendered definition(String id) {
        Current current = snapshot.forms().get(id);
        return current == null ? null : current.definition();
    }

    Current current(String id) {
        return snapshot.forms().get(id);
    }

    /**
     * The form as it was in {@code version}, or null when that version was never published
     * (a version stored but not yet made current, by a publication under way or cut short, is not published).
     */
    public Future<Form> version(String formId, String version) {
        Current current = snapshot.forms().get(formId);
        if (current != null && current.version().equals(version)) {
            return Future.succeededFuture(current.form());
        }
        String key = formId + "\n" + version;
        synchronized (older) {
            Form cached = older.get(key);
            if (cached != null) {
                return Future.succeededFuture(cached);
            }
        }
        return store.versionNamed(formId, version).compose(doc -> {
            if (doc == null) {
                return Future.succeededFuture(null);
            }
            return published(doc).compose(yes -> !yes ? Future.succeededFuture((Form) null) : parse(doc).map(form -> {
                synchronized (older) {
                    older.put(key, form);
                }
                return form;
            }));
        });
    }

    /**
     * Every published version of a form as a form, the current one first, then the older ones,
     * newest first (exports read submissions made on any of them).
     */
    public Future<List<Form>> publishedVersions(String formId) {
        Current current = snapshot.forms().get(formId);
        if (current == null) {
            return Future.succeededFuture(List.of());
        }
        return store.versions(formId, current.number()).compose(docs -> {
            List<Future<Form>> forms = new java.util.ArrayList<>();
            for (int i = docs.size() - 1; i >= 0; i--) {
                forms.add(version(formId, docs.get(i).getString("version")));
            }
            return Future.all(forms).map(all -> forms.stream().map(Future::result).filter(java.util.Objects::nonNull).toList());
        });
    }

    /** Whether a stored version is at or before its form's current one, refreshing once if this copy is behind. */
    Future<Boolean> published(JsonObject doc) {
        String formId = doc.getString("formId");
        int number = doc.getInteger("number");
        Current current = snapshot.forms().get(formId);
        if (current != null && number <= current.number()) {
            return Future.succeededFuture(true);
        }
        return refresh().map(v -> {
            Current now = snapshot.forms().get(formId);
            return now != null && number <= now.number();
        });
    }

    /** Catches up with the database; one refresh at a time, callers during one share it. */
    public Future<Void> refresh() {
        Future<Void> running = refreshing.get();
        if (running != null) {
            return running;
        }
        io.vertx.core.Promise<Void> promise = io.vertx.core.Promise.promise();
        if (!refreshing.compareAndSet(null, promise.future())) {
            return refreshing.get();
        }
        load().onComplete(ar -> {
            refreshing.set(null);
            promise.handle(ar);
        });
        return promise.future();
    }

    private Future<Void> load() {
        return store.head().compose(head -> {
            long generation = head.getLong("generation", 0L);
            Snapshot before = snapshot;
            if (generation == before.generation()) {
                return Future.succeededFuture();
            }
            JsonObject heads = head.getJsonObject("forms", new JsonObject());
            List<Future<Current>> loads = heads.fieldNames().stream().sorted().map(id -> {
                JsonObject h = heads.getJsonObject(id);
                Current known = before.forms().get(id);
                if (known != null && known.number() == h.getInteger("number")) {
                    return Future.succeededFuture(known);
                }
                return store.version(id, h.getInteger("number")).compose(doc -> doc == null
                        ? Future.failedFuture(new IllegalStateException("the catalogue names version " + h.getInteger("number")
                                + " of " + id + ", which is not stored"))
                        : parse(doc).map(form -> new Current(form.version(), doc.getInteger("number"), form,
                                Rendered.of(FormJson.definition(form).encode()))))
                        .recover(e -> {
                            log.error("form {}: version {} cannot be loaded; keeping the one before", id, h.getValue("number"), e);
                            return Future.succeededFuture(known);
                        });
            }).toList();
            return Future.all(loads).map(all -> {
                Map<String, Current> forms = new LinkedHashMap<>();
                for (Future<Current> f : loads) {
                    if (f.result() != null) {
                        forms.put(f.result().form().id(), f.result());
                    }
                }
                JsonArray summaries = new JsonArray();
                forms.values().stream().sorted(Comparator.comparing(c -> c.form().id()))
                        .forEach(c -> summaries.add(FormJson.summary(c.form())));
                snapshot = new Snapshot(generation, Map.copyOf(forms), Rendered.of(summaries.encode()));
                return null;
            });
        });
    }

    /** A stored version as a form, built on a worker: the loader's checks are not for an event loop. */
    Future<Form> parse(JsonObject doc) {
        DefinitionSource source = Publisher.source(doc);
        return vertx.executeBlocking(() -> {
            FormLoader.Result result = source.load();
            Form form = result.forms().get(source.formId());
            if (form == null) {
                throw new FormDefinitionException(result.problems().stream().map(DefinitionProblem::toString).toList(),
                        result.problems());
            }
            return form;
        }, false);
    }

    private static String entityTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
