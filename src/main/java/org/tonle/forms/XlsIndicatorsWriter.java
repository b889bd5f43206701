package org.tonle.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;

/** Tonle's indicators sheet, written from the {@code indicators:} of a form's definition ({@link XlsIndicatorsReader} reads it). */
final class XlsIndicatorsWriter {

    private XlsIndicatorsWriter() {
    }

    static void write(Sheet sheet, JsonNode indicators) {
        Set<String> titleLanguages = new LinkedHashSet<>();
        Set<String> labelLanguages = new LinkedHashSet<>();
        indicators.forEach(i -> {
            i.path("title").fieldNames().forEachRemaining(titleLanguages::add);
            i.path("universe_label").fieldNames().forEachRemaining(labelLanguages::add);
        });
        List<String> columns = new ArrayList<>(List.of("id"));
        titleLanguages.forEach(l -> columns.add("title::" + XlsFormWriter.languageHeader(l)));
        columns.addAll(List.of("category", "theme", "source", "unit", "kind", "per", "universe"));
        labelLanguages.forEach(l -> columns.add("universe_label::" + XlsFormWriter.languageHeader(l)));
        columns.addAll(List.of("denominator", "numerator", "value", "factor", "disaggregations", "threshold", "of", "dimension",
                "first", "second"));
        XlsFormWriter.header(sheet, columns);
        for (JsonNode i : indicators) {
            Map<String, String> cells = new HashMap<>();
            for (String key : XlsIndicatorsReader.TEXT_KEYS) {
                if (i.hasNonNull(key)) {
                    cells.put(key, i.get(key).asText());
                }
            }
            i.path("title").fields().forEachRemaining(e -> cells.put("title::" + XlsFormWriter.languageHeader(e.getKey()),
                    e.getValue().asText()));
            i.path("universe_label").fields().forEachRemaining(e -> cells.put("universe_label::"
                    + XlsFormWriter.languageHeader(e.getKey()), e.getValue().asText()));
            List<String> breakdowns = new ArrayList<>();
            i.path("disaggregations").forEach(d -> breakdowns.add(d.asText()));
            if (!breakdowns.isEmpty()) {
                cells.put("disaggregations", String.join("; ", breakdowns));
            }
            XlsFormWriter.row(sheet, columns, cells);
        }
    }
}
