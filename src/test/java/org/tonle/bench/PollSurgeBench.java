package org.tonle.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tonle.polls.SamplePolls;
import org.tonle.support.TestAccounts;

/**
 * {@code scripts/bench --only=polls}: a poll shared on television. 2,000 people open it (each gets
 * their own respondent token) and answer, arriving at a steady 200 a second (an open loop: a slow
 * server does not slow the arrivals down), with the per-address limit raised since they all come
 * from this one address. 100 of them send their answer again (a phone's retry: a duplicate), 50
 * send a different second answer (refused), and the poll's cap is 1,950, so the last 50 find it
 * full. Checked afterwards: exactly 1,950 answers counted. Reported: latency of opening and of
 * answering (p50, p99), the answers per second the server kept up with, resident memory before
 * and after. Then the same 2,000 again as fast as 32 phones at once can send them, on a new poll.
 * Writes target/bench/polls.json.
 */
final class PollSurgeBench {

    private static final int PEOPLE = 2_000;
    private static final int CAP = 1_950;
    private static final int RETRIES = 100;
    private static final int CHANGED = 50;
    private static final int PER_SECOND = 200;
    private static final String[] APPS = {"facebook", "telegram", "tiktok"};

    private final Vertx vertx = Vertx.vertx();
    private WebClient http;
    private WebClient admin;

    /** What became of the answers of one surge. */
    private record Surge(double seconds, List<Long> opening, List<Long> answering, Map<String, Integer> outcomes, int counted,
            double rssBefore, double rssAfter) {
        Bench.Sample open() {
            return Bench.Sample.of(PEOPLE / seconds, opening);
        }

        Bench.Sample answer() {
            return Bench.Sample.of((PEOPLE + RETRIES + CHANGED) / seconds, answering);
        }
    }

    void run() throws Exception {
        try (BenchServer server = BenchServer.start("polls", Map.of("TONLE_POLL_RATE", "100000"))) {
            http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port())
                    .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
            admin = TestAccounts.bearing(http, Bench.await(TestAccounts.login(http, "admin", TestAccounts.ADMIN_PASSWORD)));
            surge(server, true); // warm-up, not reported
            Surge paced = surge(server, true);
            Surge flat = surge(server, false);
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("paced", json(paced));
            results.put("asFastAsPossible", json(flat));
            System.out.printf("%nPoll surge: %,d people, cap %,d, %d retries, %d changed answers (%d cores)%n", PEOPLE, CAP, RETRIES, CHANGED,
                    Runtime.getRuntime().availableProcessors());
            print("arriving at 200/s", paced, paced.answer().p99() < 200 && paced.counted() == CAP);
            print("32 phones at once", flat, flat.counted() == CAP);
            Path out = Path.of("target", "bench", "polls.json");
            Files.writeString(out, new JsonObject(results).encodePrettily());
            System.out.println("\nreport: " + out.toAbsolutePath());
        } finally {
            Bench.await(vertx.close());
        }
    }

    private static void print(String what, Surge s, boolean pass) {
        System.out.printf("  %-18s %,6.0f answers/s  open p50 %5.1f p99 %6.1f ms  answer p50 %5.1f p99 %6.1f ms  counted %,d  %s  RSS %.0f -> %.0f MiB  %s%n",
                what, (PEOPLE + RETRIES + CHANGED) / s.seconds(), s.open().p50(), s.open().p99(), s.answer().p50(),
                s.answer().p99(), s.counted(), s.outcomes(), s.rssBefore(), s.rssAfter(), pass ? "PASS" : "MISS");
    }

    private static Map<String, Object> json(Surge s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", s.seconds());
        m.put("answersPerSecond", (PEOPLE + RETRIES + CHANGED) / s.seconds());
        m.put("openP50Ms", s.open().p50());
        m.put("openP99Ms", s.open().p99());
        m.put("answerP50Ms", s.answer().p50());
        m.put("answerP99Ms", s.answer().p99());
        m.put("outcomes", s.outcomes());
        m.put("counted", s.counted());
        m.put("rssBeforeMiB", s.rssBefore());
        m.put("rssAfterMiB", s.rssAfter());
        return m;
    }

    /** One surge on a new poll: paced at 200 people a second, or 32 at a time as fast as they can. */
    private Surge surge(BenchServer server, boolean paced) throws Exception {
        JsonObject created = Bench.await(admin.post("/api/v1/polls").sendJsonObject(SamplePolls.appPoll().put("cap", CAP)))
                .bodyAsJsonObject();
        String code = created.getString("code");
        double rssBefore = server.rssMiB();
        List<Long> opening = Collections.synchronizedList(new ArrayList<>());
        List<Long> answering = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        List<Future<Void>> people = new ArrayList<>();
        if (paced) {
            for (int i = 0; i < PEOPLE; i++) {
                Promise<Void> done = Promise.promise();
                people.add(done.future());
                int person = i;
                long delay = Math.max(1, i * 1000L / PER_SECOND);
                vertx.setTimer(delay, t -> person(code, person, opening, answering, outcomes).onComplete(ar -> done.complete()));
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            for (int k = 0; k < 32; k++) {
                Promise<Void> done = Promise.promise();
                people.add(done.future());
                vertx.runOnContext(v -> nextPerson(code, next, opening, answering, outcomes, done));
            }
        }
        Bench.await(Future.all(people));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int counted = Bench.await(admin.get("/api/v1/polls/" + code + "/results").send()).bodyAsJsonObject().getInteger("responses");
        return new Surge(seconds, opening, answering, new LinkedHashMap<>(outcomes), counted, rssBefore, server.rssMiB());
    }

    private void nextPerson(String code, AtomicInteger next, List<Long> opening, List<Long> answering, Map<String, Integer> outcomes,
            Promise<Void> done) {
        int person = next.getAndIncrement();
        if (person >= PEOPLE) {
            done.complete();
            return;
        }
        person(code, person, opening, answering, outcomes).onComplete(ar -> nextPerson(code, next, opening, answering, outcomes, done));
    }

    /** One person: opens the poll (a token of their own), answers; some send it again, some change their mind. */
    private Future<Void> person(String code, int person, List<Long> opening, List<Long> answering, Map<String, Integer> outcomes) {
        long t0 = System.nanoTime();
        return http.get("/api/v1/polls/" + code).send().compose(opened -> {
            opening.add(System.nanoTime() - t0);
            String token = opened.bodyAsJsonObject().getString("respondentToken");
            JsonObject answer = new JsonObject().put("instanceId", "uuid:" + UUID.randomUUID()).put("respondentToken", token)
                    .put("answers", new JsonObject().put("app", APPS[person % APPS.length]));
            Future<Void> first = answer(code, answer.copy(), answering, outcomes);
            if (person < RETRIES) {
                return first.compose(v -> answer(code, answer.copy(), answering, outcomes));
            }
            if (person < RETRIES + CHANGED) {
                JsonObject changed = answer.copy().put("instanceId", "uuid:" + UUID.randomUUID())
                        .put("answers", new JsonObject().put("app", APPS[(person + 1) % APPS.length]));
                return first.compose(v -> answer(code, changed, answering, outcomes));
            }
            return first;
        }).recover(e -> {
            outcomes.merge("error", 1, Integer::sum);
            return Future.succeededFuture();
        });
    }

    private Future<Void> answer(String code, JsonObject body, List<Long> answering, Map<String, Integer> outcomes) {
        long t0 = System.nanoTime();
        return http.post("/api/v1/polls/" + code + "/responses").sendJsonObject(body).map((HttpResponse<Buffer> r) -> {
            answering.add(System.nanoTime() - t0);
            String outcome = r.statusCode() == 201 ? "accepted" : r.statusCode() + " " + (r.bodyAsJsonObject().containsKey("error")
                    ? r.bodyAsJsonObject().getJsonObject("error").getString("code") : r.bodyAsJsonObject().getString("status"));
            outcomes.merge(outcome, 1, Integer::sum);
            return null;
        });
    }

}
