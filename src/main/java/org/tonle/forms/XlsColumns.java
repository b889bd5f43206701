package org.tonle.forms;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading the columns of one row the same way on every sheet: texts in every language into a
 * {@code {en: …, km: …}} node, yes/no values, and refusing, at its cell, a column Tonle does not read.
 */
final class XlsColumns {

    private final XlsSheet sheet;
    private final XlsProblems problems;
    private final String defaultLanguage;
    private final Set<String> known;
    private final Map<String, Text> unsupported;

    /**
     * @param known the columns this sheet reads (base names)
     * @param unsupported XLSForm columns Tonle has no counterpart for, with the reason
     */
    XlsColumns(XlsSheet sheet, XlsProblems problems, String defaultLanguage, Set<String> known, Map<String, Text> unsupported) {
        this.sheet = sheet;
        this.problems = problems;
        this.defaultLanguage = defaultLanguage;
        this.known = known;
        this.unsupported = unsupported;
    }

    String value(int row, String base) {
        XlsSheet.Column c = sheet.column(base);
        return c == null ? null : sheet.value(row, c, problems);
    }

    String letter(String key) {
        XlsSheet.Column c = sheet.column(key);
        return c == null ? null : c.letter();
    }

    /** The texts of columns {@code base} and {@code base::<language>} into {@code node.key}, if any. */
    void texts(ObjectNode node, String key, int row, String base) {
        ObjectNode texts = JsonNodeFactory.instance.objectNode();
        for (XlsSheet.Column c : sheet.columns()) {
            if (!c.base().equals(base)) {
                continue;
            }
            String value = sheet.value(row, c, problems);
            if (value != null) {
                if (value.contains("${")) {
                    problems.add(sheet.name, row, c.letter(), "Tonle's texts cannot show answers (" + value.substring(
                            value.indexOf("${"), Math.min(value.length(), value.indexOf("${") + 40)) + "…); write the text without ${…}",
                            "អត្ថបទរបស់ទន្លេមិនអាចបង្ហាញចម្លើយបានទេ។ សូមសរសេរអត្ថបទដោយគ្មាន ${…}");
                }
                texts.put(c.language() == null ? defaultLanguage : c.language(), value);
            }
        }
        if (!texts.isEmpty()) {
            node.set(key, texts);
        }
    }

    /** A yes/no column: yes, true, 1, true() are yes; no, false, 0, false() and empty are no; anything else is a problem. */
    void flag(ObjectNode node, String key, int row, String base) {
        String value = value(row, base);
        if (value == null) {
            return;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1", "true()" -> node.put(key, true);
            case "no", "false", "0", "false()" -> {
                // the default
            }
            default -> problems.add(sheet.name, row, letter(base), "'" + base + "' must be yes or no, not '" + value
                    + "'" + ("required".equals(base) ? " (Tonle has no required that depends on other answers)" : ""),
                    "'" + base + "' ត្រូវតែជា yes ឬ no មិនមែន '" + value + "' ទេ");
        }
    }

    /** Every non-empty cell of a column this sheet does not read is a problem, with the reason when XLSForm has it. */
    void refuseOthers(int row) {
        for (XlsSheet.Column c : sheet.columns()) {
            if (known.contains(c.base()) || sheet.value(row, c, XlsProblems.IGNORE) == null) {
                continue;
            }
            Text reason = unsupported.get(c.base());
            if (reason != null) {
                problems.add(sheet.name, row, c.letter(), "column '" + c.base() + "' is not supported: " + reason.get("en"),
                        "ជួរឈរ '" + c.base() + "' មិនត្រូវបានគាំទ្រទេ៖ " + reason.get("km"));
            } else {
                problems.add(sheet.name, row, c.letter(), "column '" + c.base() + "' is not one Tonle reads on the " + sheet.name
                        + " sheet (it reads: " + String.join(", ", new java.util.TreeSet<>(known)) + ")",
                        "ជួរឈរ '" + c.base() + "' មិនមែនជាជួរឈរដែលទន្លេអាននៅលើសន្លឹក " + sheet.name + " ទេ (វាអាន៖ "
                                + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
