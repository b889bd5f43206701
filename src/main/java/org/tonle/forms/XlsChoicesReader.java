package org.tonle.forms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The choices sheet: list_name, name (the stored value), label per language, and Tonle's {@code exclusive} (yes/no). */
final class XlsChoicesReader {

    private static final Set<String> KNOWN = Set.of("list_name", "name", "label", "exclusive");

    private final XlsSheet sheet;
    private final XlsProblems problems;
    private final XlsLocations locations;
    private final XlsColumns columns;

    XlsChoicesReader(XlsSheet sheet, XlsProblems problems, XlsLocations locations, String defaultLanguage) {
        this.sheet = sheet;
        this.problems = problems;
        this.locations = locations;
        this.columns = new XlsColumns(sheet, problems, defaultLanguage, KNOWN, XlsReasons.CHOICES);
    }

    ObjectNode read() {
        ObjectNode lists = JsonNodeFactory.instance.objectNode();
        if (sheet.column("list_name") == null || sheet.column("name") == null) {
            problems.add(sheet.name, 1, null, "the choices sheet needs a 'list_name' and a 'name' column",
                    "សន្លឹក choices ត្រូវការជួរឈរ 'list_name' និង 'name'");
            return lists;
        }
        for (int row = sheet.firstDataRow(); row <= sheet.lastRow(); row++) {
            if (sheet.emptyRow(row, problems)) {
                continue;
            }
            String list = columns.value(row, "list_name");
            if (list == null) {
                problems.add(sheet.name, row, columns.letter("list_name"), "the choice has no list_name",
                        "ជម្រើសនេះគ្មាន list_name ទេ");
                continue;
            }
            ObjectNode choice = JsonNodeFactory.instance.objectNode();
            String value = columns.value(row, "name");
            if (value != null) {
                choice.put("value", value);
            }
            columns.texts(choice, "label", row, "label");
            columns.flag(choice, "exclusive", row, "exclusive");
            columns.refuseOthers(row);
            ArrayNode choices = lists.has(list) ? (ArrayNode) lists.get(list) : lists.putArray(list);
            choices.add(choice);
            locations.choice(list, value == null ? "#" + choices.size() : value, row);
        }
        return lists;
    }
}
