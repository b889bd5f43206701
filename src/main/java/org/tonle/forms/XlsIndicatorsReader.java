package org.tonle.forms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tonle's indicators sheet (not part of XLSForm): one row per indicator, one column per key of an
 * indicator in the YAML files; titles per language ({@code title::English (en)}), and
 * {@code disaggregations} as breakdowns separated by ';' ({@code sex; province; sex,province}).
 */
final class XlsIndicatorsReader {

    static final List<String> TEXT_KEYS = List.of("id", "category", "theme", "source", "unit", "kind", "per", "universe",
            "denominator", "numerator", "value", "factor", "threshold", "of", "dimension", "first", "second");
    private static final Set<String> KNOWN = Set.of("id", "title", "category", "theme", "source", "unit", "kind", "per", "universe",
            "universe_label", "denominator", "numerator", "value", "factor", "disaggregations", "threshold", "of", "dimension",
            "first", "second");

    private final XlsSheet sheet;
    private final XlsLocations locations;
    private final XlsColumns columns;

    XlsIndicatorsReader(XlsSheet sheet, XlsProblems problems, XlsLocations locations, String defaultLanguage) {
        this.sheet = sheet;
        this.locations = locations;
        this.columns = new XlsColumns(sheet, problems, defaultLanguage, KNOWN, Map.of());
    }

    ArrayNode read() {
        ArrayNode indicators = JsonNodeFactory.instance.arrayNode();
        for (int row = sheet.firstDataRow(); row <= sheet.lastRow(); row++) {
            if (sheet.emptyRow(row, XlsProblems.IGNORE)) {
                continue;
            }
            ObjectNode indicator = indicators.addObject();
            for (String key : TEXT_KEYS) {
                String value = columns.value(row, key);
                if (value == null) {
                    continue;
                }
                if (key.equals("threshold") && value.matches("-?\\d{1,9}")) {
                    indicator.put(key, Integer.parseInt(value));
                } else if (key.equals("factor") && value.matches("-?\\d{1,9}")) {
                    indicator.put(key, Integer.parseInt(value));
                } else if (key.equals("factor") && value.matches("-?\\d*\\.\\d+")) {
                    indicator.put(key, Double.parseDouble(value));
                } else {
                    indicator.put(key, value);
                }
            }
            columns.texts(indicator, "title", row, "title");
            columns.texts(indicator, "universe_label", row, "universe_label");
            String breakdowns = columns.value(row, "disaggregations");
            if (breakdowns != null) {
                ArrayNode list = indicator.putArray("disaggregations");
                for (String by : breakdowns.split(";")) {
                    if (!by.isBlank()) {
                        list.add(by.strip().replaceAll("\\s*,\\s*", ","));
                    }
                }
            }
            columns.refuseOthers(row);
            locations.indicator(indicator.path("id").asText(""), row);
        }
        return indicators;
    }
}
