package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which batches of one slot a table document holds: per epoch, a set of sequence numbers kept as
 * disjoint ranges, which merge as they become contiguous (a writer adds its batches in order, so an
 * epoch is normally one range). This set, not a timing rule, is what refuses a second addition of a
 * batch: a batch is added to a document in the same compare-and-set that puts it in the set.
 * Mutable; not thread-safe.
 */
public final class HeldBatches {

    /** epoch → (first → last) of each range. */
    private final Map<Long, NavigableMap<Long, Long>> epochs = new HashMap<>();

    public boolean contains(long epoch, long seq) {
        NavigableMap<Long, Long> ranges = epochs.get(epoch);
        if (ranges == null) {
            return false;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(seq);
        return range != null && range.getValue() >= seq;
    }

    /** The sequence numbers among {@code seqs} not held, in the given order. */
    public List<Long> missing(long epoch, Collection<Long> seqs) {
        List<Long> missing = new ArrayList<>();
        for (long seq : seqs) {
            if (!contains(epoch, seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }

    /** Adds one sequence number. */
    public void add(long epoch, long seq) {
        addRange(epoch, seq, seq);
    }

    /**
     * Adds {@code 1..upTo}: used by a writer for its own batches below the ones it is adding, all
     * of which are finished (added wherever they contribute), so holding them changes no count.
     */
    public void addUpTo(long epoch, long upTo) {
        if (upTo >= 1) {
            addRange(epoch, 1, upTo);
        }
    }

    private void addRange(long epoch, long first, long last) {
        NavigableMap<Long, Long> ranges = epochs.computeIfAbsent(epoch, e -> new TreeMap<>());
        long from = first;
        long to = last;
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(from); next != null && next.getKey() <= to + 1;
                next = ranges.ceilingEntry(from)) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(from, to);
    }

    /** Number of ranges kept, all epochs together. */
    public int ranges() {
        return epochs.values().stream().mapToInt(Map::size).sum();
    }

    /** {@code {"<epoch>": [[first, last], …]}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        epochs.forEach((epoch, ranges) -> {
            JsonArray list = new JsonArray();
            ranges.forEach((first, last) -> list.add(new JsonArray().add(first).add(last)));
            json.put(Long.toString(epoch), list);
        });
        return json;
    }

    public static HeldBatches of(JsonObject json) {
        HeldBatches held = new HeldBatches();
        if (json != null) {
            for (String epoch : json.fieldNames()) {
                for (Object range : json.getJsonArray(epoch)) {
                    JsonArray r = (JsonArray) range;
                    held.addRange(Long.parseLong(epoch), r.getLong(0), r.getLong(1));
                }
            }
        }
        return held;
    }

    public HeldBatches copy() {
        return of(toJson());
    }
}
