package org.tonle.forms;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loaded forms, each with its JSON rendered once and a strong ETag over those bytes, so that
 * phones re-checking a form on 3G get a 304 without the server doing any work.
 */
public final class FormCatalog {

    /** A response body rendered once: the bytes and their entity tag. */
    public record Rendered(Buffer body, String etag) {
        static Rendered of(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return new Rendered(Buffer.buffer(bytes), entityTag(bytes));
        }
    }

    private final Map<String, Form> forms;
    private final Map<String, Rendered> definitions = new LinkedHashMap<>();
    private final Rendered list;

    public FormCatalog(Map<String, Form> forms) {
        this.forms = Map.copyOf(forms);
        JsonArray summaries = new JsonArray();
        forms.values().stream().sorted(java.util.Comparator.comparing(Form::id)).forEach(form -> {
            summaries.add(FormJson.summary(form));
            definitions.put(form.id(), Rendered.of(FormJson.definition(form).encode()));
        });
        this.list = Rendered.of(summaries.encode());
    }

    public Form form(String id) {
        return forms.get(id);
    }

    public Collection<Form> forms() {
        return forms.values();
    }

    public Rendered list() {
        return list;
    }

    public Rendered definition(String id) {
        return definitions.get(id);
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
