package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Ingestor's isolation of a write the store refuses, with a store that refuses any insert
 * holding a poisoned document (as a BSON encoder refuses a whole bulk write) and hooks that
 * record the exactly-once protocol's calls.
 */
class IngestorTest {

    /** Every hook call, in order, as text: "before b1 [ids]", "stored b1 [ids]", "failed b1 [ids]". */
    private static final class RecordingHooks implements IngestHooks {
        final List<String> calls = new ArrayList<>();
        final List<String> storedIds = new ArrayList<>();
        Promise<String> held;
        private int batches;

        @Override
        public Future<String> beforeStore(List<String> submissionIds) {
            String batchId = "b" + ++batches;
            calls.add("before " + batchId + " " + submissionIds);
            if (held == null && batches == 1) {
                held = Promise.promise();
                return held.future().map(v -> batchId);
            }
            return Future.succeededFuture(batchId);
        }

        @Override
        public void stored(String batchId, List<JsonObject> documents) {
            List<String> ids = documents.stream().map(d -> d.getString("_id")).toList();
            assertThat(documents).allMatch(d -> batchId.equals(d.getString("agg")));
            calls.add("stored " + batchId + " " + ids);
            storedIds.addAll(ids);
        }

        @Override
        public void storeFailed(String batchId, List<String> submissionIds) {
            calls.add("failed " + batchId + " " + submissionIds);
        }
    }

    private final List<List<String>> inserts = new ArrayList<>();

    private Future<Set<Integer>> insert(List<JsonObject> documents) {
        inserts.add(documents.stream().map(d -> d.getString("_id")).toList());
        boolean poisoned = documents.stream().anyMatch(d -> d.getBoolean("poison", false));
        return poisoned ? Future.failedFuture(new IllegalArgumentException("cannot encode")) : Future.succeededFuture(Set.of());
    }

    private static List<JsonObject> documents(String prefix, int count, int poisonedAt) {
        return IntStream.range(0, count).mapToObj(i -> new JsonObject().put("_id", prefix + i).put("poison", i == poisonedAt)).toList();
    }

    @Test
    @DisplayName("a document the store refuses fails alone: the requests written with it are stored, each attempt under its own intent")
    void isolatesRefusedDocument() {
        RecordingHooks hooks = new RecordingHooks();
        Ingestor ingestor = new Ingestor(this::insert, hooks);
        Future<Ingestor.Stored> first = ingestor.store(documents("first-", 1, -1));
        // while the first write waits for its intent, three requests queue and will share one write
        Future<Ingestor.Stored> phoneA = ingestor.store(documents("a-", 1, -1));
        Future<Ingestor.Stored> poisonedBatch = ingestor.store(documents("batch-", 7, 4));
        Future<Ingestor.Stored> phoneB = ingestor.store(documents("b-", 1, -1));
        hooks.held.complete("go");

        assertThat(first.result().failed()).isEmpty();
        assertThat(phoneA.result().failed()).isEmpty();
        assertThat(phoneB.result().failed()).isEmpty();
        assertThat(poisonedBatch.result().failed()).containsOnlyKeys(4);
        assertThat(hooks.storedIds).containsExactlyInAnyOrder("first-0", "a-0", "b-0",
                "batch-0", "batch-1", "batch-2", "batch-3", "batch-5", "batch-6");
        assertThat(inserts.get(1)).hasSize(9); // the three queued requests went in one write first
        assertProtocol(hooks.calls);
    }

    /** Each insert was preceded by its own intent, and each intent ended in stored or failed with the same ids. */
    private void assertProtocol(List<String> calls) {
        assertThat(calls).hasSize(2 * inserts.size());
        for (int k = 0; k < inserts.size(); k++) {
            String before = calls.get(2 * k);
            String after = calls.get(2 * k + 1);
            String batchId = before.split(" ")[1];
            assertThat(before).isEqualTo("before " + batchId + " " + inserts.get(k));
            assertThat(after).isIn("stored " + batchId + " " + inserts.get(k), "failed " + batchId + " " + inserts.get(k));
        }
    }

    @Test
    @DisplayName("a store that cannot be reached is not retried piece by piece: every waiting request fails")
    void unreachableStoreFailsAll() {
        RecordingHooks hooks = new RecordingHooks();
        hooks.held = Promise.promise();
        hooks.held.complete("go");
        Ingestor ingestor = new Ingestor(docs -> {
            inserts.add(docs.stream().map(d -> d.getString("_id")).toList());
            return Future.failedFuture(new com.mongodb.MongoSocketOpenException("down", new com.mongodb.ServerAddress()));
        }, hooks);
        Future<Ingestor.Stored> batch = ingestor.store(documents("x-", 5, -1));
        assertThat(batch.failed()).isTrue();
        assertThat(inserts).hasSize(1);
        assertThat(hooks.calls).hasSize(2).last().asString().startsWith("failed ");
    }
}
