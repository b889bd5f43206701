package org.tonle.indicators;

/**
 * The name of one stored batch of submissions: the writer slot and epoch of the server process
 * that stored it, and its sequence number within that epoch. Written into every stored submission
 * as {@code agg} ({@code "<slot>.<epoch>:<seq>"}). Batches stored by versions before writer slots
 * are named {@code "<hex writer>:<seq>"}: {@link #parse} answers null for them.
 */
public record BatchId(Writer writer, long seq) {

    public static BatchId parse(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        Writer writer = colon < 0 ? null : Writer.parse(text.substring(0, colon));
        if (writer == null) {
            return null;
        }
        try {
            return new BatchId(writer, Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return writer + ":" + seq;
    }
}
