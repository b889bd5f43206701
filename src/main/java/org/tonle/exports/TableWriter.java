package org.tonle.exports;

import java.io.IOException;
import java.util.List;

/**
 * Writes an export's table in one format into {@link Chunks}: the header first, rows page by page,
 * then whatever closes the file. Called on a worker thread, one call at a time.
 */
interface TableWriter {

    void header() throws IOException;

    void rows(List<Object[]> rows) throws IOException;

    /** Closes the file; {@code rows} is how many rows were written. */
    void finish(long rows) throws IOException;
}
