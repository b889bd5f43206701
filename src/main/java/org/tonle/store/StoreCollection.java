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
 * such a query can start at {@code x} and stop after its limit. Every document read is still
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
        String from = lowerBound(query);
        if (from == null || !inIdOrder(orderBy)) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // the map's order of string keys is String.compareTo, the order MongoDB sorts strings in
        return matchDocumentsFromStream(query, from(from), numberToSkip, limit, batchSize, null, fieldSelector);
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
