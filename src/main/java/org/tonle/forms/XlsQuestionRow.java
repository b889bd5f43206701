package org.tonle.forms;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One row of the survey sheet: a question, the start or end of a group, or a type Tonle refuses. */
final class XlsQuestionRow {

    enum Kind { QUESTION, BEGIN_GROUP, END_GROUP, REFUSED }

    private static final Pattern SELECT = Pattern.compile("(select_one|select_multiple|select one|select all that apply)\\s+(\\S+)");
    private static final Set<String> KNOWN = Set.of("type", "name", "label", "hint", "required", "relevant", "constraint",
            "constraint_message", "calculation", "appearance", "consent", "sensitive");

    private final XlsSheet sheet;
    private final XlsProblems problems;
    private final XlsColumns columns;

    XlsQuestionRow(XlsSheet sheet, XlsProblems problems, String defaultLanguage) {
        this.sheet = sheet;
        this.problems = problems;
        this.columns = new XlsColumns(sheet, problems, defaultLanguage, KNOWN, XlsReasons.SURVEY);
        if (sheet.column("type") == null || sheet.column("name") == null) {
            problems.add(sheet.name, 1, null, "the survey sheet needs a 'type' and a 'name' column",
                    "សន្លឹក survey ត្រូវការជួរឈរ 'type' និង 'name'");
        }
    }

    Kind kind(int row) {
        String type = type(row);
        if (type == null) {
            problems.add(sheet.name, row, columns.letter("type"), "the row has no type", "ជួរនេះគ្មានប្រភេទ (type) ទេ");
            return Kind.REFUSED;
        }
        switch (type) {
            case "begin group", "begin_group":
                return Kind.BEGIN_GROUP;
            case "end group", "end_group":
                return Kind.END_GROUP;
            default:
                if (SELECT.matcher(type).matches() && !type.contains("or_other") && !type.contains("from_file")
                        || XlsFormReader.isSimpleType(type)) {
                    return Kind.QUESTION;
                }
                Text reason = XlsReasons.type(type);
                problems.add(sheet.name, row, columns.letter("type"), "type '" + type + "' is not supported: " + reason.get("en"),
                        "ប្រភេទ '" + type + "' មិនត្រូវបានគាំទ្រទេ៖ " + reason.get("km"));
                return Kind.REFUSED;
        }
    }

    ObjectNode group(int row) {
        ObjectNode group = JsonNodeFactory.instance.objectNode();
        group.put("name", nullToEmpty(columns.value(row, "name")));
        group.put("type", "group");
        columns.texts(group, "label", row, "label");
        expression(group, "relevant", row);
        text(group, "appearance", row);
        columns.refuseOthers(row);
        forbid(row, "hint", "required", "constraint", "constraint_message", "calculation", "consent", "sensitive");
        group.set("questions", JsonNodeFactory.instance.arrayNode());
        return group;
    }

    ObjectNode question(int row) {
        ObjectNode q = JsonNodeFactory.instance.objectNode();
        q.put("name", nullToEmpty(columns.value(row, "name")));
        Matcher select = SELECT.matcher(type(row));
        if (select.matches()) {
            q.put("type", select.group(1).startsWith("select_one") || select.group(1).equals("select one") ? "select_one" : "select_multiple");
            q.put("choices", select.group(2));
        } else {
            q.put("type", type(row));
        }
        columns.texts(q, "label", row, "label");
        columns.texts(q, "hint", row, "hint");
        columns.flag(q, "required", row, "required");
        expression(q, "relevant", row);
        expression(q, "constraint", row);
        columns.texts(q, "constraint_message", row, "constraint_message");
        expression(q, "calculation", row);
        text(q, "appearance", row);
        columns.flag(q, "consent", row, "consent");
        columns.flag(q, "sensitive", row, "sensitive");
        columns.refuseOthers(row);
        return q;
    }

    private String type(int row) {
        String type = columns.value(row, "type");
        return type == null ? null : type.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** XLSForm's expressions are XPath; Tonle's are the same family. {@code string(x)} is Tonle's {@code concat(x)}. */
    private void expression(ObjectNode node, String key, int row) {
        String value = columns.value(row, key);
        if (value != null) {
            node.put(key, value.replaceAll("(?<![\\w-])string\\(", "concat("));
        }
    }

    private void text(ObjectNode node, String key, int row) {
        String value = columns.value(row, key);
        if (value != null) {
            node.put(key, value);
        }
    }

    /** A group has no answer: these columns mean nothing on its row. */
    private void forbid(int row, String... keys) {
        for (String key : keys) {
            for (XlsSheet.Column c : sheet.columns()) {
                if (c.base().equals(key) && sheet.value(row, c, XlsProblems.IGNORE) != null) {
                    problems.add(sheet.name, row, c.letter(), "a group has no '" + key + "'; put it on the questions inside",
                            "ក្រុមមិនមាន '" + key + "' ទេ។ សូមដាក់វានៅលើសំណួរខាងក្នុង");
                }
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
