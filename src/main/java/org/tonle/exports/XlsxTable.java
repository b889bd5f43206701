package org.tonle.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An export as an Excel workbook, written as it goes (fastexcel): the data sheet's rows leave with
 * each page, so the first bytes leave at once and memory stays flat. Text is written inline, not
 * in a shared-strings table, which would hold every distinct answer until the end. Sheets: data
 * (header frozen), survey (each column's labels in both languages, type, skip logic), choices (the
 * codebook of values) and export (the snapshot and filters). A sheet holds at most 1,048,576 rows:
 * past that the data goes on in "data 2", with the header again.
 */
final class XlsxTable implements TableWriter {

    private static final int ROWS_PER_SHEET = Worksheet.MAX_ROWS - 1;

    private final Columns columns;
    private final Snapshot snapshot;
    private final Workbook workbook;
    private Worksheet data;
    private int sheets;
    private int row;

    XlsxTable(Columns columns, Snapshot snapshot, OutputStream out) {
        this.columns = columns;
        this.snapshot = snapshot;
        this.workbook = new Workbook(out, "Tonle", "1.0");
        workbook.setCompressionLevel(1);
    }

    @Override
    public void header() throws IOException {
        sheets++;
        data = workbook.newWorksheet(sheets == 1 ? "data" : "data " + sheets);
        List<Columns.Column> all = columns.all();
        for (int c = 0; c < all.size(); c++) {
            data.width(c, width(all.get(c)));
            data.value(0, c, all.get(c).name());
        }
        data.range(0, 0, 0, all.size() - 1).style().bold().set();
        data.freezePane(0, 1);
        row = 1;
        data.flush();
    }

    private double width(Columns.Column c) {
        int labels = c.question() != null && c.question().type().hasChoices() && !c.numeric() ? 22 : 10;
        return Math.min(60, Math.max(labels, c.name().length() + 2));
    }

    @Override
    public void rows(List<Object[]> rows) throws IOException {
        for (Object[] cells : rows) {
            if (row > ROWS_PER_SHEET) {
                data.finish();
                header();
            }
            for (int c = 0; c < cells.length; c++) {
                Object cell = cells[c];
                if (cell instanceof Double d) {
                    data.value(row, c, d);
                } else if (cell != null) {
                    data.inlineString(row, c, cell.toString());
                }
            }
            row++;
        }
        data.flush();
    }

    @Override
    public void finish(long rows) throws IOException {
        data.finish();
        List<Codebook.Variable> variables = Codebook.of(columns);
        WorkbookSheets.survey(workbook.newWorksheet("survey"), variables);
        WorkbookSheets.choices(workbook.newWorksheet("choices"), variables);
        WorkbookSheets.lines(workbook.newWorksheet("export"), snapshot.lines(rows));
        workbook.finish();
    }
}
