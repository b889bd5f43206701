package org.tonle.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An export as CSV (RFC 4180: commas, CRLF, quotes where needed) in UTF-8. The download starts
 * with a byte order mark, without which Excel reads Khmer as Latin-1; the pack's data.csv has
 * none, as R, Stata and SPSS expect. Its first line holds the column names.
 */
final class CsvTable implements TableWriter {

    private final Columns columns;
    private final boolean variableNames;
    private final boolean bom;
    private final OutputStream out;
    /** A page is printed here, then encoded to UTF-8 at once: printing straight to a Writer encoded it a character at a time. */
    private final StringBuilder page = new StringBuilder(1 << 20);
    private final CSVPrinter printer;

    /** @param variableNames whether the header holds the tool-safe variable names rather than the plain ones */
    CsvTable(Columns columns, OutputStream out, boolean variableNames, boolean bom) throws IOException {
        this.columns = columns;
        this.variableNames = variableNames;
        this.bom = bom;
        this.out = out;
        this.printer = new CSVPrinter(page, CSVFormat.RFC4180);
    }

    @Override
    public void header() throws IOException {
        if (bom) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (Columns.Column c : columns.all()) {
            printer.print(variableNames ? c.variable() : c.name());
        }
        printer.println();
        flush();
    }

    @Override
    public void rows(List<Object[]> rows) throws IOException {
        for (Object[] row : rows) {
            for (Object cell : row) {
                printer.print(Cells.text(cell));
            }
            printer.println();
        }
        flush();
    }

    @Override
    public void finish(long rows) throws IOException {
        flush();
    }

    private void flush() throws IOException {
        out.write(page.toString().getBytes(StandardCharsets.UTF_8));
        page.setLength(0);
    }

    /** Lets the printer be flushed and dropped without closing the stream under it (a zip entry). */
    static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
