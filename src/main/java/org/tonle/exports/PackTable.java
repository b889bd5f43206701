package org.tonle.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The analysis pack, a ZIP written as it goes: data.csv first, streamed row by row (variable names
 * in its header, codes in its cells), then the small files made once the rows are counted
 * ({@link PackFiles}).
 */
final class PackTable implements TableWriter {

    private final PackFiles files;
    private final ZipOutputStream zip;
    private final CsvTable data;

    PackTable(Columns columns, PackFiles files, OutputStream out) throws IOException {
        this.files = files;
        this.zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
        zip.setLevel(1);
        this.data = new CsvTable(columns, zip, true, false);
    }

    @Override
    public void header() throws IOException {
        zip.putNextEntry(new ZipEntry(PackFiles.DATA));
        data.header();
    }

    @Override
    public void rows(List<Object[]> rows) throws IOException {
        data.rows(rows);
    }

    @Override
    public void finish(long rows) throws IOException {
        data.finish(rows);
        zip.closeEntry();
        for (Map.Entry<String, byte[]> file : files.files(rows).entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey()));
            zip.write(file.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }
}
