package org.tonle.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * The settings sheet: form_id, version, default_language ("Khmer (km)"), the title
 * ({@code form_title}, or {@code form_title::Khmer (km)} per language), and Tonle's own columns:
 * {@code description::…}, {@code translation_status::…} (draft or reviewed), {@code restricted_export}, and the
 * sample design: {@code design_stratum}, {@code design_psu}, {@code design_household} (expressions).
 */
final class XlsSettingsReader {

    private static final Set<String> KNOWN = Set.of("form_id", "version", "default_language", "form_title", "description",
            "translation_status", "restricted_export", "design_stratum", "design_psu", "design_household");

    private XlsSettingsReader() {
    }

    /** Id, version and the default language (as {@code default_language}, for the reader to take out). */
    static void read(XlsSheet settings, ObjectNode root, Set<String> languages, XlsProblems problems, XlsLocations locations) {
        int row = settings.firstDataRow();
        XlsColumns columns = new XlsColumns(settings, problems, "en", KNOWN, XlsReasons.SETTINGS);
        String id = columns.value(row, "form_id");
        root.put("id", id == null ? "" : id);
        String version = columns.value(row, "version");
        if (version != null) {
            root.put("version", version);
        }
        String language = columns.value(row, "default_language");
        if (language != null) {
            String code = XlsSheet.languageCode(language);
            if (code == null) {
                problems.add(settings.name, row, columns.letter("default_language"), "default_language '" + language
                        + "' must name the language with its code, such as Khmer (km)",
                        "default_language '" + language + "' ត្រូវដាក់ឈ្មោះភាសាជាមួយលេខកូដរបស់វា ដូចជា Khmer (km)");
            } else {
                root.put("default_language", code);
                languages.add(code);
            }
        }
        ObjectNode design = root.objectNode();
        for (String key : new String[] {"stratum", "psu", "household"}) {
            String expression = columns.value(row, "design_" + key);
            if (expression != null) {
                design.put(key, expression);
            }
        }
        if (!design.isEmpty()) {
            root.set("design", design);
        }
        columns.refuseOthers(row);
    }

    /** Title, description, the languages with their translation status, and restricted_export. */
    static void languages(XlsSheet settings, ObjectNode root, Set<String> languages, XlsProblems problems, String defaultLanguage) {
        int row = settings.firstDataRow();
        XlsColumns columns = new XlsColumns(settings, problems, defaultLanguage, KNOWN, XlsReasons.SETTINGS);
        columns.texts(root, "title", row, "form_title");
        columns.texts(root, "description", row, "description");
        ObjectNode statuses = root.putObject("languages");
        for (String language : languages) {
            XlsSheet.Column column = settings.column("translation_status::" + language);
            String status = column == null ? null : settings.value(row, column, problems);
            statuses.put(language, status == null ? "draft" : status.toLowerCase(Locale.ROOT));
        }
        columns.flag(root, "restricted_export", row, "restricted_export");
    }
}
