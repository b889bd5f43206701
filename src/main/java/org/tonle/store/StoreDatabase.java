package org.tonle.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of the embedded store: mongo-java-server's {@code H2Database}, with the same map
 * names for documents, but documents and index keys encoded by {@link StoreDataType}.
 *
 * <p>Index keys are ordered differently from before, so each index lives in a map of a new name;
 * the first start on an older file drops the old map, and mongo-java-server rebuilds the index
 * from the documents before anything is written (it fills any empty index it opens). The drop and
 * the rebuild reach the disk together in the first commit.
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private static final Logger log = LoggerFactory.getLogger(StoreDatabase.class);
    private static final String META_PREFIX = "meta.";
    private static final String DATABASES_PREFIX = "databases.";
    /** Suffix of the index maps keyed in {@link StoreDataType}'s order. */
    private static final String INDEX_SUFFIX = ".k2";

    private final MVStore mvStore;

    StoreDatabase(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.mvStore = mvStore;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        String legacy = legacyIndexMap(collectionName, indexName);
        if (mvStore.hasMap(legacy)) {
            log.info("Rebuilding index {} of {} in the new key order", indexName, getFullCollectionNamespace(collectionName));
            mvStore.removeMap(legacy);
        }
        MVMap<KeyValue, Object> map = mvStore.openMap(indexMap(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>().keyType(new StoreDataType()).valueType(new StoreDataType()));
        return new UniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        mvStore.removeMap(indexMap(collection.getCollectionName(), indexName));
    }

    /** Where mongo-java-server's own H2Database keeps an index, in H2's serialised-key order. */
    private String legacyIndexMap(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }

    private String indexMap(String collectionName, String indexName) {
        return legacyIndexMap(collectionName, indexName) + INDEX_SUFFIX;
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        mvStore.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".") || name.startsWith(DATABASES_PREFIX + databaseName)
                        || name.startsWith(META_PREFIX + databaseName))
                .toList()
                .forEach(mvStore::removeMap);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        return new StoreCollection(this, collectionName, options, dataMap(fullName), mvStore.openMap(META_PREFIX + fullName),
                cursorRegistry);
    }

    private MVMap<Object, Document> dataMap(String fullCollectionName) {
        return mvStore.openMap(DATABASES_PREFIX + fullCollectionName,
                new MVMap.Builder<Object, Document>().keyType(new StoreDataType()).valueType(new StoreDataType()));
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = mvStore.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String fullName = getFullCollectionNamespace(collectionName);
        mvStore.removeMap(DATABASES_PREFIX + fullName);
        mvStore.removeMap(META_PREFIX + fullName);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String fullName = collection.getFullName();
        String newFullName = getFullCollectionNamespace(newCollectionName);
        mvStore.renameMap(dataMap(fullName), DATABASES_PREFIX + newFullName);
        mvStore.renameMap(mvStore.openMap(META_PREFIX + fullName), META_PREFIX + newFullName);
    }

    /** mongo-java-server's H2UniqueIndex, whose constructor is not public. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
