package org.tonle.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * The forms folder (TONLE_FORMS_DIR, or the copy in the jar), validated when the server starts (a
 * broken file stops the start). Its forms are the first version of each form in the catalogue, and
 * a file whose version is newer than the published one is published as the next version at start-up.
 * Its fragments (the profile) are what uploaded YAML may include.
 */
public final class ShippedForms {

    private static final Logger log = LoggerFactory.getLogger(ShippedForms.class);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonObject PUBLISHER = new JsonObject().put("id", "forms-folder").put("username", "forms folder");

    private final Map<String, String> files;
    private final Map<String, Form> forms;
    private final Map<String, String> fragments = new LinkedHashMap<>();

    private ShippedForms(Map<String, String> files, Map<String, Form> forms) {
        this.files = Map.copyOf(files);
        this.forms = forms;
        files.forEach((file, text) -> {
            JsonNode doc = tree(text);
            if (doc.path("fragment").asBoolean(false)) {
                fragments.put(file.replaceFirst("\\.yaml$", ""), json(doc));
            }
        });
    }

    /** Reads and checks every file; throws {@link FormDefinitionException} naming every problem. */
    public static ShippedForms load(Map<String, String> files) {
        return new ShippedForms(files, FormLoader.load(files));
    }

    /** File name to YAML text, as read. */
    public Map<String, String> files() {
        return files;
    }

    public Map<String, Form> forms() {
        return forms;
    }

    /** Fragment name to its definition as JSON text. */
    Map<String, String> fragments() {
        return fragments;
    }

    /** The source of a shipped form, with the fragments it includes. */
    DefinitionSource source(String formId) {
        Form form = forms.get(formId);
        Map<String, String> pinned = new LinkedHashMap<>();
        form.includes().stream().sorted().forEach(name -> pinned.put(name, fragments.get(name)));
        return new DefinitionSource(formId, form.version(), "yaml", json(tree(files.get(formId + ".yaml"))), pinned);
    }

    /** Publishes every shipped form that is new, or whose version is newer than the published one. */
    Future<Void> publishNew(CatalogStore store, Publisher publisher) {
        Future<Void> chain = Future.succeededFuture();
        for (String id : new ArrayList<>(forms.keySet())) {
            chain = chain.compose(v -> publisher.rollForward(id)).compose(v -> store.head()).compose(head -> {
                JsonObject current = head.getJsonObject("forms").getJsonObject(id);
                String shipped = forms.get(id).version();
                if (current != null && !VersionOrder.isNewer(shipped, current.getString("version"))) {
                    if (!shipped.equals(current.getString("version"))) {
                        log.info("forms folder: {} is at version {}, older than the published {}; not published", id, shipped,
                                current.getString("version"));
                    }
                    return Future.succeededFuture();
                }
                return publisher.publish(source(id), new Publisher.Publication(PUBLISHER, new JsonArray()))
                        .<Void>map(published -> {
                            log.info("forms folder: published {} version {} as number {}", id, shipped, published.getInteger("number"));
                            return null;
                        })
                        .recover(e -> e instanceof Problem p && p.code() == ProblemCode.FORM_VERSION_NOT_NEWER
                                ? Future.succeededFuture() // another process published it first
                                : Future.failedFuture(e));
            });
        }
        return chain;
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
