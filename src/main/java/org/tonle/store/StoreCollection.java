package org.tonle.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded store that reads a range of string {@code _id}s from where it
 * starts. mongo-java-server's H2 collection answers {@code {_id: {$gt: x}}} by reading every
 * document from the first, and sorts them all when asked for {@code _id} order: reading a million
 * submissions in pages ("the next 2,000 after this id") read the collection once per page and
 * held it whole in memory to sort it. Its documents are kept in a map ordered by {@code _id}, so
 * such a query can start at {@code x} and stop after its limit. Two more queries are read
 * differently: {@code {_id: x, …}} (a compare-and-set) reads its one document by key instead of the
 * collection, and a long {@code $in} of strings is matched from a set. Every document read is still
 * matched against the whole query, so the answer is the same; only the reading changes.
 */
final class StoreCollection extends H2Collection {

    private final MVMap<Object, Document> dataMap;

    StoreCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        if (query.get("_id") instanceof String id && query.size() > 1) {
            // {_id: x, version: n}: a compare-and-set. The _id index answers a query on _id
            // alone; with another condition beside it, mongo-java-server read the whole collection
            // to find the one document (10,000 such updates in a bulk review took minutes).
            Document found = dataMap.get(id);
            return matchDocumentsFromStream(query, Stream.ofNullable(found), numberToSkip, limit, batchSize, null, fieldSelector);
        }
        String from = lowerBound(query);
        if (from == null || !inIdOrder(orderBy)) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // the map's order of string keys is String.compareTo, the order MongoDB sorts strings in
        return matchDocumentsFromStream(query, from(from), numberToSkip, limit, batchSize, null, fieldSelector);
    }

    /**
     * The same answer as mongo-java-server's matcher, without its cost for a long {@code $in}:
     * it compares a value with every element of the list, normalising each, so selecting 10,000
     * submissions by instance id from 10,000 took 10^8 comparisons. A top-level {@code {field: {$in: [strings]}}} is looked up in
     * a set made once per query; the rest of the query goes to the matcher as before.
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        LongIn in = LongIn.of(query);
        if (in == null) {
            return super.documentMatchesQuery(document, query);
        }
        return in.matches(document.get(in.field())) && super.documentMatchesQuery(document, in.rest());
    }

    /** A query's long {@code $in} of strings on a top-level field, as a set, and the query without it. */
    record LongIn(Document query, String field, java.util.Set<String> values, Document rest) {

        static final int LONG = 32;
        /** The last query this thread matched with, and what it made of it: a query is matched against every document in turn. */
        private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

        /** The prepared form of {@code query}, or null when it has no long {@code $in} of strings. */
        static LongIn of(Document query) {
            Object[] last = LAST.get();
            if (last[0] != query) {
                last[0] = query;
                last[1] = make(query);
            }
            return (LongIn) last[1];
        }

        private static LongIn make(Document query) {
            for (java.util.Map.Entry<String, Object> e : query.entrySet()) {
                if (e.getKey().startsWith("$") || e.getKey().contains(".") || !(e.getValue() instanceof Document condition)
                        || condition.size() != 1 || !(condition.get("$in") instanceof java.util.Collection<?> list) || list.size() < LONG) {
                    continue;
                }
                java.util.Set<String> values = new java.util.HashSet<>(list.size() * 2);
                for (Object v : list) {
                    if (!(v instanceof String string)) {
                        return null;
                    }
                    values.add(string);
                }
                Document rest = new Document(query);
                rest.remove(e.getKey());
                return new LongIn(query, e.getKey(), values, rest);
            }
            return null;
        }

        /** As MongoDB: a string in the set, or an array holding one. */
        boolean matches(Object value) {
            if (value instanceof String string) {
                return values.contains(string);
            }
            if (value instanceof java.util.Collection<?> array) {
                for (Object element : array) {
                    if (element instanceof String string && values.contains(string)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * Up to {@code limit} documents after {@code afterId} in {@code _id} order that match
     * {@code query}, read from the map itself rather than through a query: without the collection's
     * lock, which every query and write holds while it runs (so a long read makes no writer wait),
     * and from an MVStore cursor, which reads the map's pages as they were when it opened.
     */
    java.util.List<Document> after(String afterId, int limit, Document query) {
        de.bwaldvogel.mongo.backend.DefaultQueryMatcher matcher = new de.bwaldvogel.mongo.backend.DefaultQueryMatcher();
        java.util.List<Document> found = new java.util.ArrayList<>(limit);
        Cursor<Object, Document> cursor = dataMap.cursor(afterId);
        while (found.size() < limit && cursor.hasNext()) {
            Object key = cursor.next();
            if (!afterId.equals(key) && matcher.matches(cursor.getValue(), query)) {
                found.add(cursor.getValue());
            }
        }
        return found;
    }

    private Stream<Document> from(String from) {
        Cursor<Object, Document> cursor = dataMap.cursor(from);
        Iterator<Document> documents = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Document next() {
                cursor.next();
                return cursor.getValue();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED), false);
    }

    /** The string an {@code _id: {$gt|$gte: "…"}} condition starts at, or null for any other query. */
    private static String lowerBound(Document query) {
        if (!(query.get("_id") instanceof Document id)) {
            return null;
        }
        Object gt = id.get("$gt") != null ? id.get("$gt") : id.get("$gte");
        return gt instanceof String s ? s : null;
    }

    /** No order asked for, or ascending {@code _id}: the map's own order. */
    private static boolean inIdOrder(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return true;
        }
        return orderBy.size() == 1 && orderBy.get("_id") instanceof Number n && n.intValue() == 1;
    }
}
