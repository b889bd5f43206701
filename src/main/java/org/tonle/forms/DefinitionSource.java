package org.tonle.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an author wrote for one version of a form, in the YAML definition language (kept as JSON
 * text, which YAML reads as it is), with the fragments it includes as they were then, so that a
 * version stays the same whatever later happens to the profile.
 *
 * @param format how the author wrote it: {@code yaml} or {@code xlsform}
 */
public record DefinitionSource(String formId, String version, String format, String json, Map<String, String> fragments) {

    public DefinitionSource {
        fragments = Map.copyOf(fragments);
    }

    /** The form this source defines, or the problems that keep it from being one. */
    public FormLoader.Result load() {
        Map<String, String> files = new LinkedHashMap<>();
        fragments.forEach((name, text) -> files.put(name + ".yaml", text));
        files.put(formId + ".yaml", json);
        return FormLoader.check(files);
    }
}
