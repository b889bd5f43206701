package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class StoreDataTypeTest {

    private final StoreDataType type = new StoreDataType();

    @Test
    void documentsRoundTripAsBson() {
        Document answers = new Document("sex", "ស្រី").append("age", 34).append("skills", List.of("copy_paste", "send"));
        Document doc = new Document("_id", new ObjectId()).append("answers", answers).append("weight", 1.25)
                .append("count", 12_345_678_901L).append("consent", true).append("nothing", null)
                .append("receivedAt", Instant.parse("2026-11-29T01:30:00.123Z"));
        assertThat(roundTrip(type, doc)).isEqualTo(doc);
    }

    @Test
    void stringKeysRoundTripAndCompareElementByElement() {
        KeyValue key = new KeyValue("digital-literacy", "uuid:" + UUID.randomUUID(), "ខ្មែរ\uD83D\uDE00");
        assertThat(roundTrip(type, key)).isEqualTo(key);
        assertThat(type.compare(new KeyValue("a", "b"), new KeyValue("a", "b"))).isZero();
        assertThat(type.compare(new KeyValue("a", "b"), new KeyValue("a", "c"))).isNegative();
        assertThat(type.compare(new KeyValue("b"), new KeyValue("a", "z"))).isPositive();
        assertThat(type.compare(new KeyValue("a"), new KeyValue("a", "b"))).isNegative();
    }

    @Test
    void otherKeysKeepOneTotalOrder() {
        KeyValue strings = new KeyValue("x");
        KeyValue number = new KeyValue(3.0);
        KeyValue mixed = new KeyValue("x", 3.0);
        for (KeyValue a : List.of(strings, number, mixed)) {
            for (KeyValue b : List.of(strings, number, mixed)) {
                assertThat(Integer.signum(type.compare(a, b))).isEqualTo(-Integer.signum(type.compare(b, a)));
                assertThat(type.compare(a, b) == 0).isEqualTo(a.equals(b));
            }
        }
        assertThat(roundTrip(type, mixed)).isEqualTo(mixed);
    }

    @Test
    void readsWhatH2WroteBefore() {
        Document doc = new Document("_id", "abc").append("answers", new Document("sex", "female"));
        KeyValue key = new KeyValue("digital-literacy", "uuid:1");
        ObjectDataType stock = new ObjectDataType();
        assertThat(read(type, write(stock, doc))).isEqualTo(doc);
        assertThat(read(type, write(stock, key))).isEqualTo(key);
    }

    private static Object roundTrip(ObjectDataType type, Object value) {
        return read(type, write(type, value));
    }

    private static ByteBuffer write(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        return bytes;
    }

    private static Object read(ObjectDataType type, ByteBuffer bytes) {
        Object value = type.read(bytes);
        assertThat(bytes.remaining()).isZero();
        return value;
    }
}
