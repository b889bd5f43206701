package org.tonle.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

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
    /** Printing through the format, not a CSVPrinter, which takes a lock for every cell. */
    private final CSVFormat format = CSVFormat.RFC4180;

    /** @param variableNames whether the header holds the tool-safe variable names rather than the plain ones */
    CsvTable(Columns columns, OutputStream out, boolean variableNames, boolean bom) throws IOException {
        this.columns = columns;
        this.variableNames = variableNames;
        this.bom = bom;
        this.out = out;
    }

    @Override
    public void header() throws IOException {
        if (bom) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        boolean first = true;
        for (Columns.Column c : columns.all()) {
            format.print(variableNames ? c.variable() : c.name(), page, first);
            first = false;
        }
        format.println(page);
        flush();
    }

    @Override
    public void rows(List<Object[]> rows) throws IOException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                format.print(Cells.text(row[i]), page, i == 0);
            }
            format.println(page);
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
