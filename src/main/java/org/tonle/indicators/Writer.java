package org.tonle.indicators;

/**
 * One server process's right to add batches: a slot (a small number, reused by later processes, so
 * that the tables have one partial document per slot, not per process ever started) and the epoch
 * of that slot it claimed. A process that is taken for dead loses its epoch; whatever it still adds
 * under the old epoch is checked by each document's held batches like anyone else's.
 */
public record Writer(int slot, long epoch) {

    public static Writer parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new Writer(Integer.parseInt(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public BatchId batch(long seq) {
        return new BatchId(this, seq);
    }

    @Override
    public String toString() {
        return slot + "." + epoch;
    }
}
