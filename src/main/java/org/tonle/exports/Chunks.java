package org.tonle.exports;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;

/**
 * What a writer has produced since it was last taken: writers run on a worker thread and write
 * here; the event loop takes the bytes and writes them to the response.
 */
final class Chunks extends ByteArrayOutputStream {

    Chunks() {
        super(64 * 1024);
    }

    synchronized Buffer take() {
        Buffer taken = Buffer.buffer(toByteArray());
        reset();
        return taken;
    }
}
