package org.tonle.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store encodes documents and index keys in its H2 pages.
 *
 * <p>H2's {@link ObjectDataType} keeps anything it does not know with Java serialisation, and
 * compares two such keys by serialising both. mongo-java-server's documents and index keys
 * ({@link KeyValue}, which is not {@code Comparable}) are such objects, so every lookup in a unique
 * index serialised two keys per step of its binary search, and every commit re-serialised the
 * pages it touched: in a profile of the ingestion benchmark, more than half of the store's time.
 *
 * <p>Here a document is kept as BSON (as on the wire and in MongoDB), and a key made only of
 * strings as its strings, compared one by one. Everything else, and everything written before,
 * is read and written as before, so an older file stays readable.
 */
final class StoreDataType extends ObjectDataType {

    /** Tags that {@link ObjectDataType} leaves unused (it stops at 119). */
    private static final byte TAG_BSON_DOCUMENT = 120;
    private static final byte TAG_STRING_KEY = 121;

    /** Running average of a document's encoded size, for H2's page-size estimate. */
    private volatile int averageDocumentBytes = 1024;

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
            boolean sa = allStrings(ka);
            boolean sb = allStrings(kb);
            if (sa && sb) {
                return compareStrings(ka, kb);
            }
            if (sa != sb) {
                // a total order: string keys first, every other key after them in H2's own order
                return sa ? -1 : 1;
            }
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object obj) {
        if (obj instanceof Document) {
            return averageDocumentBytes;
        }
        if (obj instanceof KeyValue kv && allStrings(kv)) {
            int bytes = 24;
            for (Object s : kv) {
                bytes += 40 + 2 * ((String) s).length();
            }
            return bytes;
        }
        return super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof KeyValue kv && allStrings(kv)) {
            buff.put(TAG_STRING_KEY).putVarInt(kv.size());
            for (Object s : kv) {
                String string = (String) s;
                buff.putVarInt(string.length()).putStringData(string, string.length());
            }
            return;
        }
        if (obj instanceof Document document) {
            ByteBuf bson = Unpooled.buffer(averageDocumentBytes + 64);
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (IllegalArgumentException notBson) {
                // a value BSON cannot hold: keep it as H2 would
                super.write(buff, obj);
                return;
            }
            int length = bson.readableBytes();
            averageDocumentBytes = (length + 15 * averageDocumentBytes) / 16;
            buff.put(TAG_BSON_DOCUMENT).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
            return;
        }
        super.write(buff, obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag == TAG_BSON_DOCUMENT) {
            buff.get();
            int length = DataUtils.readVarInt(buff);
            byte[] bytes = new byte[length];
            buff.get(bytes);
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        }
        if (tag == TAG_STRING_KEY) {
            buff.get();
            int size = DataUtils.readVarInt(buff);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(DataUtils.readString(buff));
            }
            return new KeyValue(values);
        }
        return super.read(buff);
    }

    private static boolean allStrings(KeyValue key) {
        for (Object value : key) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static int compareStrings(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = ((String) a.get(i)).compareTo((String) b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
