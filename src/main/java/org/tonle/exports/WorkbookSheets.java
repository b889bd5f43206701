package org.tonle.exports;

import java.io.IOException;
import java.util.List;
import org.dhatim.fastexcel.Worksheet;

/** The small sheets of a workbook: written whole, with a bold, frozen header row and set widths. */
final class WorkbookSheets {

    private WorkbookSheets() {
    }

    static void survey(Worksheet ws, List<Codebook.Variable> variables) throws IOException {
        header(ws, new String[] {"variable", "name", "type", "label::English (en)", "label::Khmer (km)", "relevance",
                "universe::English (en)", "universe::Khmer (km)"}, new double[] {24, 24, 22, 50, 50, 40, 40, 40});
        int r = 1;
        for (Codebook.Variable v : variables) {
            String[] cells = {v.column().variable(), v.column().name(), v.type(), Columns.labelOf(v.label(), "en"),
                Columns.labelOf(v.label(), "km"), v.relevance(), Columns.labelOf(v.universe(), "en"), Columns.labelOf(v.universe(), "km")};
            row(ws, r++, cells);
        }
        ws.finish();
    }

    static void choices(Worksheet ws, List<Codebook.Variable> variables) throws IOException {
        header(ws, new String[] {"variable", "name", "value", "label::English (en)", "label::Khmer (km)"}, new double[] {24, 24, 20, 50, 50});
        int r = 1;
        for (Codebook.Variable v : variables) {
            for (Codebook.Value value : v.values()) {
                row(ws, r++, new String[] {v.column().variable(), v.column().name(), value.code(), Columns.labelOf(value.label(), "en"),
                    Columns.labelOf(value.label(), "km")});
            }
        }
        ws.finish();
    }

    static void lines(Worksheet ws, List<String[]> lines) throws IOException {
        header(ws, new String[] {"name", "value"}, new double[] {20, 60});
        int r = 1;
        for (String[] line : lines) {
            row(ws, r++, line);
        }
        ws.finish();
    }

    static void header(Worksheet ws, String[] names, double[] widths) {
        for (int c = 0; c < names.length; c++) {
            ws.width(c, widths[c]);
            ws.value(0, c, names[c]);
        }
        ws.range(0, 0, 0, names.length - 1).style().bold().set();
        ws.freezePane(0, 1);
    }

    static void row(Worksheet ws, int r, String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] != null && !cells[c].isEmpty()) {
                ws.value(r, c, cells[c]);
            }
        }
    }
}
