package org.tonle.forms;

import java.util.Map;
import org.tonle.i18n.Khmer;

/** A piece of text in every language of a form, keyed by language code ("en", "km"). */
public record Text(Map<String, String> byLanguage) {

    public Text {
        byLanguage = Map.copyOf(byLanguage);
    }

    public static Text of(String en, String km) {
        return new Text(Map.of("en", en, "km", km));
    }

    /** English and Khmer templates with {name} placeholders filled from {@code params}; numbers and dates in Khmer in Khmer. */
    public static Text format(String en, String km, Map<String, String> params) {
        return of(fill(en, params), Khmer.fill(km, params));
    }

    private static String fill(String template, Map<String, String> params) {
        String s = template;
        for (Map.Entry<String, String> p : params.entrySet()) {
            s = s.replace("{" + p.getKey() + "}", p.getValue());
        }
        return s;
    }

    public String get(String language) {
        return byLanguage.get(language);
    }
}
