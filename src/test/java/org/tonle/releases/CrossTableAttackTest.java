package org.tonle.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.support.Eventually;
import org.tonle.support.TestServer;

/**
 * The attack across indicators: tables that share respondents, each suppressed on its own, bound
 * one another's withheld cells. A linear-programming attacker over the live tables narrows withheld
 * counts (Pailin's phone owners to within 2); over a release, no withheld count of a primary cell
 * narrows to fewer than k: not those with the attribute nor those without it in a cell withheld for
 * them, not the size of a group withheld for its size, unless that size is itself published (the
 * number of adults with a disability, where disability prevalence publishes it).
 */
class CrossTableAttackTest {

    static final List<String> INDICATORS = List.of("internet_use", "mobile_ownership", "smartphone_ownership", "khmer_script_phone",
            "ict_skill_programming", "disability_prevalence");
    static final List<List<String>> BREAKDOWNS = List.of(List.of(), List.of("sex"), List.of("province"), List.of("area"),
            List.of("sex", "province"), List.of("area", "province"), List.of("disability"), List.of("disability", "province"));
    static final List<LpAttack.Relation> DEFINITIONS = List.of(
            LpAttack.Relation.sameDenominator("mobile_ownership", "internet_use"),
            LpAttack.Relation.sameDenominator("smartphone_ownership", "internet_use"),
            LpAttack.Relation.sameDenominator("ict_skill_programming", "internet_use"),
            LpAttack.Relation.denominatorWithin("disability_prevalence", "internet_use"),
            LpAttack.Relation.denominatorWithinNumerator("khmer_script_phone", "mobile_ownership"),
            LpAttack.Relation.numeratorWithin("smartphone_ownership", "mobile_ownership"),
            LpAttack.Relation.dimensionCounts("internet_use", "disability", "yes", "disability_prevalence"));
    private static final Set<String> PRIMARY = Set.of("small_count", "small_denominator", "small_effective_n");

    private static TestServer server;
    private static Map<String, Map<List<String>, JsonObject>> live;

    /** A withheld cell whose count the rules protect, with the k of its table. */
    record Sensitive(String indicator, List<String> by, List<String> values, String reason, int k) {}

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(LpAttack.available() || "1".equals(System.getenv("TONLE_REQUIRE_GLPK")),
                "glpsol (Debian's glpk-utils) is not installed");
        server = TestServer.start();
        List<Adult> people = new ArrayList<>(Adult.survey(16, new String[] {"12", "17", "02", "23"}, new int[] {90, 70, 33, 15}));
        people.addAll(pailin());
        Adult.submit(server, people);
        Eventually.await("every adult counted", 20_000, () -> server.get("/api/v1/indicators/internet_use")
                .bodyAsJsonObject().getJsonObject("estimate").getLong("n", 0L) == people.size());
        live = read(id -> "/api/v1/indicators/" + id);
    }

    /** Pailin: 40 adults, 38 of them own a phone, and every owner says whether it handles Khmer. */
    static List<Adult> pailin() {
        List<Adult> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add(new Adult(i % 2 == 0 ? "female" : "male", "24", i % 3 == 0 ? "urban" : "rural", false, i % 2 == 1, i >= 2,
                    i % 4 == 0 ? "no" : "yes", false));
        }
        return people;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Map<List<String>, JsonObject>> read(java.util.function.Function<String, String> path) {
        Map<String, Map<List<String>, JsonObject>> tables = new LinkedHashMap<>();
        for (String id : INDICATORS) {
            for (List<String> by : BREAKDOWNS) {
                if (id.equals("disability_prevalence") && by.contains("disability")) {
                    continue;
                }
                JsonObject score = server.get(path.apply(id) + (by.isEmpty() ? "" : "?by=" + String.join(",", by))).bodyAsJsonObject();
                tables.computeIfAbsent(id, i -> new LinkedHashMap<>()).put(by, score);
            }
        }
        return tables;
    }

    /** The cells the live tables withhold for a primary reason: small groups, or few with or without the attribute. */
    static List<Sensitive> sensitive() {
        List<Sensitive> cells = new ArrayList<>();
        live.forEach((id, tables) -> tables.forEach((by, score) -> {
            int k = id.equals("disability_prevalence") ? 10 : 5;
            List<JsonObject> all = new ArrayList<>();
            if (by.isEmpty()) {
                all.add(score.getJsonObject("estimate").copy().put("key", new JsonObject()));
            } else {
                score.getJsonArray("cells").forEach(c -> all.add((JsonObject) c));
            }
            for (JsonObject c : all) {
                if (c.getBoolean("suppressed") && PRIMARY.contains(c.getString("reason"))) {
                    cells.add(new Sensitive(id, by, by.stream().map(c.getJsonObject("key")::getString).toList(), c.getString("reason"), k));
                }
            }
        }));
        return cells;
    }

    /** The narrowest interval the attacker gets for the protected count of a cell: its size when the group is small, else those with or without. */
    static double width(LpAttack attack, Sensitive s, Map<String, Map<List<String>, JsonObject>> published) {
        if (s.reason().equals("small_count")) {
            return Math.min(attack.bound(s.indicator(), s.by(), s.values(), LpAttack.Quantity.WITH).width(),
                    attack.bound(s.indicator(), s.by(), s.values(), LpAttack.Quantity.WITHOUT).width());
        }
        return sizePublished(s, published) ? Double.POSITIVE_INFINITY
                : attack.bound(s.indicator(), s.by(), s.values(), LpAttack.Quantity.SIZE).width();
    }

    /**
     * Whether the group's size is itself a published figure: a group with or without a disability
     * is disability prevalence's count where that indicator publishes its cell.
     */
    private static boolean sizePublished(Sensitive s, Map<String, Map<List<String>, JsonObject>> published) {
        int at = s.by().indexOf("disability");
        if (at < 0) {
            return false;
        }
        List<String> restBy = new ArrayList<>(s.by());
        restBy.remove(at);
        List<String> rest = new ArrayList<>(s.values());
        rest.remove(at);
        JsonObject table = published.get("disability_prevalence").get(restBy);
        JsonObject cell = restBy.isEmpty() ? table.getJsonObject("estimate") : cell(table, rest.toArray(String[]::new));
        return cell != null && !cell.getBoolean("suppressed");
    }

    @Test
    @DisplayName("live tables: Pailin's withheld phone owners are bounded to within 2 by the Khmer-script table; a release keeps every withheld count at least k wide")
    void acrossIndicators() {
        LpAttack onLive = new LpAttack(live, DEFINITIONS, LpAttack.Precision.EXACT);
        JsonObject livePailin = cell(live.get("mobile_ownership").get(List.of("province")), "24");
        assertThat(livePailin.getString("reason")).isEqualTo("small_count");
        assertThat(onLive.bound("mobile_ownership", List.of("province"), List.of("24"), LpAttack.Quantity.WITHOUT).width())
                .as("live: non-owners in Pailin").isLessThanOrEqualTo(2.0 + 1e-6);
        List<Sensitive> cells = sensitive();
        long leaksLive = inParallel(() -> cells.parallelStream().filter(s -> width(onLive, s, live) < s.k() - 1e-6).count());

        int number = ReleasesApiTest.release(server, "Attacked").getInteger("number");
        Map<String, Map<List<String>, JsonObject>> released = read(id -> "/api/v1/releases/" + number + "/indicators/" + id);
        LpAttack onRelease = new LpAttack(released, DEFINITIONS, LpAttack.Precision.RELEASE);
        Map<Sensitive, Double> widths = inParallel(() -> cells.parallelStream()
                .collect(java.util.stream.Collectors.toMap(s -> s, s -> width(onRelease, s, released))));
        double narrowest = widths.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        List<String> leaks = widths.entrySet().stream().filter(e -> e.getValue() < e.getKey().k() - 1e-6)
                .map(e -> e.getKey() + " width " + e.getValue()).toList();
        System.out.printf("LP attack: %d primary withheld cells; live: %d narrower than k; release: %d, narrowest %.2f;"
                + " withheld cells live %d, in the release %d of %d%n", cells.size(), leaksLive, leaks.size(), narrowest,
                withheld(live), withheld(released), count(released));
        assertThat(leaksLive).isPositive();
        assertThat(leaks).isEmpty();
    }

    /** Two glpsol processes at a time: the attack takes half as long on this 2-core machine. */
    private static <T> T inParallel(java.util.concurrent.Callable<T> work) {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            return pool.submit(work).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static long withheld(Map<String, Map<List<String>, JsonObject>> tables) {
        return tables.values().stream().flatMap(t -> t.values().stream())
                .flatMap(s -> s.getJsonArray("cells").stream().map(JsonObject.class::cast)).filter(c -> c.getBoolean("suppressed")).count();
    }

    private static long count(Map<String, Map<List<String>, JsonObject>> tables) {
        return tables.values().stream().flatMap(t -> t.values().stream()).mapToLong(s -> s.getJsonArray("cells").size()).sum();
    }

    static JsonObject cell(JsonObject score, String... values) {
        List<String> by = score.getJsonArray("by").stream().map(String.class::cast).toList();
        for (Object o : score.getJsonArray("cells")) {
            JsonObject c = (JsonObject) o;
            if (by.stream().map(c.getJsonObject("key")::getString).toList().equals(List.of(values))) {
                return c;
            }
        }
        return null;
    }
}
