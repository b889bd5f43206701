package org.tonle.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A long {@code $in} of strings matched from a set gives the matcher's own answer, for every kind of value. */
class LongInTest {

    private static List<Object> ids(int n) {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("uuid:" + i);
        }
        return ids;
    }

    @Test
    @DisplayName("agrees with mongo-java-server's matcher: strings, arrays, missing and other types, with the rest of the query")
    void agreesWithTheMatcher() {
        Document query = new Document("instanceId", new Document("$in", ids(100))).append("formId", "digital-literacy")
                .append("deleted", new Document("$exists", false));
        StoreCollection.LongIn in = StoreCollection.LongIn.of(query);
        assertThat(in).isNotNull();
        assertThat(in.field()).isEqualTo("instanceId");
        assertThat(in.rest()).containsOnlyKeys("formId", "deleted");
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        List<Document> documents = List.of(
                new Document("instanceId", "uuid:7").append("formId", "digital-literacy"),
                new Document("instanceId", "uuid:7").append("formId", "digital-literacy").append("deleted", new Document()),
                new Document("instanceId", "uuid:7").append("formId", "children-online"),
                new Document("instanceId", "uuid:700").append("formId", "digital-literacy"),
                new Document("instanceId", List.of("x", "uuid:9")).append("formId", "digital-literacy"),
                new Document("instanceId", 7).append("formId", "digital-literacy"),
                new Document("formId", "digital-literacy"));
        List<Boolean> expected = List.of(true, false, false, false, true, false, false);
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            assertThat(matcher.matches(d, query)).as("matcher on " + d).isEqualTo(expected.get(i));
            assertThat(in.matches(d.get("instanceId")) && matcher.matches(d, in.rest())).as("set on " + d).isEqualTo(expected.get(i));
        }
    }

    @Test
    @DisplayName("left to the matcher: short lists, lists with anything but strings, nested fields, other operators beside $in")
    void leftToTheMatcher() {
        assertThat(StoreCollection.LongIn.of(new Document("instanceId", new Document("$in", ids(5))))).isNull();
        List<Object> mixed = ids(100);
        mixed.add(7);
        assertThat(StoreCollection.LongIn.of(new Document("instanceId", new Document("$in", mixed)))).isNull();
        assertThat(StoreCollection.LongIn.of(new Document("submittedBy.id", new Document("$in", ids(100))))).isNull();
        assertThat(StoreCollection.LongIn.of(new Document("instanceId", new Document("$in", ids(100)).append("$ne", "uuid:1")))).isNull();
    }
}
