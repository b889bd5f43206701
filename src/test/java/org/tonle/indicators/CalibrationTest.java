package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.calibration.Target;

/**
 * The calibrated estimator from additive tables against a direct, unit-by-unit transcription of R's
 * {@code postStratify}, {@code rake} and {@code svyrecvar} (their postStrata and raking branches,
 * then {@code onestage} with {@code lonely.psu = "adjust"}): same weights, estimates and variances.
 */
class CalibrationTest {

    private static final List<String> VARIABLES = Target.PERSON_VARIABLES;
    private static final String[] SEXES = {"female", "male"};
    private static final String[] AGES = {"15-24", "25-34", "35-44"};
    private static final String[] PROVINCES = {"02", "12"};

    /** One respondent as R sees a row: design weight, stratum, PSU, class values, membership and value. */
    private record Unit(double d, String stratum, String psu, String province, String sex, String age, boolean member, double y,
            boolean first) {
        List<String> values() {
            return List.of(province, "urban", sex, age);
        }

        boolean own() {
            return psu.startsWith("own-");
        }
    }

    private static List<Unit> sample(long seed) {
        Random random = new Random(seed);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String province = PROVINCES[random.nextInt(2)];
            String stratum = province + "-" + (random.nextBoolean() ? "a" : "b");
            // stratum 12-b has a single village: a lonely PSU; one in eight respondents is their own PSU
            int villages = stratum.equals("12-b") ? 1 : 5;
            String psu = random.nextInt(8) == 0 ? "own-" + i : stratum + "/v" + random.nextInt(villages);
            String sex = SEXES[random.nextInt(2)];
            String age = AGES[random.nextInt(3)];
            boolean member = random.nextInt(10) < 8;
            double y = random.nextInt(100) < (sex.equals("female") ? 35 : 50) ? 1 : 0;
            units.add(new Unit(20 + random.nextDouble() * 300, stratum, psu, province, sex, age, member, y, random.nextBoolean()));
        }
        return units;
    }

    private static Target poststratification() {
        Map<List<String>, Double> totals = new LinkedHashMap<>();
        int k = 0;
        for (String p : PROVINCES) {
            for (String s : SEXES) {
                for (String a : AGES) {
                    totals.put(List.of(p, s, a), 10_000.0 + 3_000 * (k++ % 5));
                }
            }
        }
        return new Target("test", Target.Unit.PERSONS, Target.Method.POSTSTRATIFY,
                List.of(new Target.Margin(List.of("province", "sex", "age_group"), totals)), "");
    }

    private static Target raking() {
        Map<List<String>, Double> bySexProvince = new LinkedHashMap<>();
        bySexProvince.put(List.of("female", "02"), 30_000.0);
        bySexProvince.put(List.of("male", "02"), 26_000.0);
        bySexProvince.put(List.of("female", "12"), 41_000.0);
        bySexProvince.put(List.of("male", "12"), 39_000.0);
        Map<List<String>, Double> byAge = new LinkedHashMap<>();
        byAge.put(List.of("15-24"), 60_000.0);
        byAge.put(List.of("25-34"), 46_000.0);
        byAge.put(List.of("35-44"), 30_000.0);
        return new Target("test", Target.Unit.PERSONS, Target.Method.RAKE,
                List.of(new Target.Margin(List.of("sex", "province"), bySexProvince), new Target.Margin(List.of("age_group"), byAge)), "");
    }

    /** The additive tables the server keeps, from the units: the sample per class and PSU, and a domain's members. */
    private static Calibration calibrate(Target target, List<Unit> units) {
        Map<String, Stats> table = new HashMap<>();
        Map<String, Long> psus = new HashMap<>();
        Map<String, java.util.Set<String>> seen = new HashMap<>();
        for (Unit u : units) {
            table.merge(String.join("|", u.values()) + "|" + u.stratum() + "|" + (u.own() ? "*" : u.psu()), Stats.of(u.d(), 0), Stats::plus);
            seen.computeIfAbsent(u.stratum(), s -> new java.util.HashSet<>()).add(u.psu());
        }
        seen.forEach((s, set) -> psus.put(s, (long) set.size()));
        return Calibration.of(target, VARIABLES, table, psus);
    }

    private static CalibratedDomain domain(Calibration cal, List<Unit> units, java.util.function.Predicate<Unit> in) {
        Map<Integer, Map<String, Stats>> members = new HashMap<>();
        int[] at = Calibration.positions(VARIABLES, cal.target().variables());
        for (Unit u : units) {
            if (u.member() && in.test(u)) {
                int j = cal.classOf(Calibration.project(u.values().toArray(String[]::new), at));
                members.computeIfAbsent(j, k -> new HashMap<>()).merge(u.stratum() + "|" + (u.own() ? "*" : u.psu()), Stats.of(u.d(), u.y()),
                        Stats::plus);
            }
        }
        return new CalibratedDomain(cal, members);
    }

    // ---- R, unit by unit ----

    /** R's weights: postStratify, or rake with its stopping rule; answers each unit's final weight and, for raking, each margin's step weights. */
    private static double[][] rWeights(Target target, List<Unit> units) {
        int n = units.size();
        List<Target.Margin> margins = target.margins();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = units.get(i).d();
        }
        double[][] steps = new double[margins.size() + 1][];
        if (target.method() == Target.Method.POSTSTRATIFY) {
            steps[0] = postStratify(margins.get(0), units, w);
            steps[1] = steps[0];
            return steps;
        }
        double total = java.util.Arrays.stream(w).sum();
        Map<List<String>, Double> old = joint(target, units, w);
        for (int pass = 0; pass < 100; pass++) {
            for (int k = 0; k < margins.size(); k++) {
                w = postStratify(margins.get(k), units, w);
                steps[k] = w;
            }
            Map<List<String>, Double> now = joint(target, units, w);
            double delta = 0;
            for (List<String> key : now.keySet()) {
                delta = Math.max(delta, Math.abs(now.get(key) - old.get(key)));
            }
            old = now;
            if (delta < 1e-10 * total) {
                break;
            }
        }
        steps[margins.size()] = w;
        return steps;
    }

    private static Map<List<String>, Double> joint(Target target, List<Unit> units, double[] w) {
        Map<List<String>, Double> table = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            table.merge(level(target.variables(), units.get(i)), w[i], Double::sum);
        }
        return table;
    }

    private static double[] postStratify(Target.Margin margin, List<Unit> units, double[] w) {
        Map<List<String>, Double> sampled = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            sampled.merge(level(margin.variables(), units.get(i)), w[i], Double::sum);
        }
        double[] out = new double[w.length];
        for (int i = 0; i < units.size(); i++) {
            List<String> l = level(margin.variables(), units.get(i));
            out[i] = w[i] * margin.totals().get(l) / sampled.get(l);
        }
        return out;
    }

    private static List<String> level(List<String> variables, Unit u) {
        List<String> values = new ArrayList<>();
        for (String v : variables) {
            values.add(switch (v) {
                case "province" -> u.province();
                case "area" -> "urban";
                case "sex" -> u.sex();
                default -> u.age();
            });
        }
        return values;
    }

    /** svymean's influence of a domain mean with the final weights, before calibration's projection. */
    private static double[] influence(double[] w, List<Unit> units, java.util.function.Predicate<Unit> in, double[] pn) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (u.member() && in.test(u)) {
                sw += w[i];
                swy += w[i] * u.y();
            }
        }
        double p = swy / sw;
        pn[0] = p;
        pn[1] = sw;
        double[] x = new double[units.size()];
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            x[i] = u.member() && in.test(u) ? w[i] * (u.y() - p) / sw : 0;
        }
        return x;
    }

    /** svyrecvar: the postStrata (or raking) projection, then onestage with strata and PSUs. */
    private static double rVariance(Target target, List<Unit> units, double[][] steps, double[] x) {
        int n = units.size();
        double[] z = x.clone();
        if (target.method() == Target.Method.POSTSTRATIFY) {
            double[] psw = steps[0];
            Map<List<String>, Double> num = new HashMap<>();
            Map<List<String>, Double> den = new HashMap<>();
            for (int i = 0; i < n; i++) {
                List<String> l = level(target.margins().get(0).variables(), units.get(i));
                num.merge(l, z[i] * units.get(i).d() / psw[i], Double::sum);
                den.merge(l, units.get(i).d(), Double::sum);
            }
            for (int i = 0; i < n; i++) {
                List<String> l = level(target.margins().get(0).variables(), units.get(i));
                z[i] -= num.get(l) / den.get(l) * psw[i];
            }
        } else {
            for (int sweep = 0; sweep < 10; sweep++) {
                for (int k = 0; k < target.margins().size(); k++) {
                    double[] psw = steps[k];
                    Map<List<String>, double[]> mean = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        double[] m = mean.computeIfAbsent(level(target.margins().get(k).variables(), units.get(i)), l -> new double[2]);
                        m[0] += z[i] / psw[i];
                        m[1]++;
                    }
                    for (int i = 0; i < n; i++) {
                        double[] m = mean.get(level(target.margins().get(k).variables(), units.get(i)));
                        z[i] -= psw[i] * m[0] / m[1];
                    }
                }
            }
        }
        Map<String, Map<String, Double>> strata = new HashMap<>();
        for (int i = 0; i < n; i++) {
            strata.computeIfAbsent(units.get(i).stratum(), s -> new HashMap<>()).merge(units.get(i).psu(), z[i], Double::sum);
        }
        double v = 0;
        for (Map<String, Double> psus : strata.values()) {
            int m = psus.size();
            double sum = psus.values().stream().mapToDouble(Double::doubleValue).sum();
            double squares = psus.values().stream().mapToDouble(t -> t * t).sum();
            v += m > 1 ? m / (m - 1.0) * (squares - sum * sum / m) : squares;
        }
        return v;
    }

    // ---- tests ----

    @Test
    @DisplayName("post-stratified weights reproduce every cell's total; estimates and variances equal R's, unit by unit")
    void postStratifiedLikeR() {
        agreesWithR(poststratification());
    }

    @Test
    @DisplayName("raked weights reproduce every margin; estimates and variances equal R's raking variance, unit by unit")
    void rakedLikeR() {
        agreesWithR(raking());
    }

    private static void agreesWithR(Target target) {
        List<Unit> units = sample(15);
        Calibration cal = calibrate(target, units);
        double[][] steps = rWeights(target, units);
        double[] w = steps[steps.length - 1];
        for (Target.Margin m : target.margins()) {
            Map<List<String>, Double> reached = new HashMap<>();
            for (int i = 0; i < units.size(); i++) {
                reached.merge(level(m.variables(), units.get(i)), w[i], Double::sum);
            }
            m.totals().forEach((l, total) -> assertThat(reached.get(l)).isCloseTo(total, org.assertj.core.api.Assertions.within(1e-6 * total)));
        }
        assertThat(cal.converged()).isTrue();
        Map<String, java.util.function.Predicate<Unit>> domains = new LinkedHashMap<>();
        domains.put("everyone", u -> true);
        domains.put("women", u -> u.sex().equals("female"));
        domains.put("province 12, 25-34", u -> u.province().equals("12") && u.age().equals("25-34"));
        domains.put("first half, across classes", Unit::first);
        domains.forEach((name, in) -> {
            double[] pn = new double[2];
            double[] x = influence(w, units, in, pn);
            Estimate e = domain(cal, units, in).estimate(false, 1);
            assertThat(e.value()).as(name + " value").isCloseTo(pn[0], org.assertj.core.api.Assertions.within(1e-12));
            assertThat(e.weightedN()).as(name + " size").isCloseTo(pn[1], org.assertj.core.api.Assertions.within(1e-8 * pn[1]));
            double want = Math.sqrt(rVariance(target, units, steps, x));
            assertThat(e.se()).as(name + " se").isCloseTo(want, org.assertj.core.api.Assertions.within(1e-10 * want + 1e-15));
        });
        // a difference of two disjoint domains: the influences combined, projected together
        java.util.function.Predicate<Unit> women = u -> u.sex().equals("female") && u.first();
        java.util.function.Predicate<Unit> men = u -> u.sex().equals("male") && u.first();
        double[] pa = new double[2];
        double[] pb = new double[2];
        double[] xa = influence(w, units, women, pa);
        double[] xb = influence(w, units, men, pb);
        double[] x = new double[xa.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = xa[i] - xb[i];
        }
        Estimate d = domain(cal, units, women).contrast(domain(cal, units, men), false, 1);
        assertThat(d.value()).isCloseTo(pa[0] - pb[0], org.assertj.core.api.Assertions.within(1e-12));
        double want = Math.sqrt(rVariance(target, units, steps, x));
        assertThat(d.se()).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-10 * want));
    }

    @Test
    @DisplayName("the share in a post-stratum is the census share exactly, with no sampling error")
    void aCalibrationVariableIsKnownExactly() {
        List<Unit> units = sample(7).stream().map(u -> new Unit(u.d(), u.stratum(), u.psu(), u.province(), u.sex(), u.age(), true,
                u.sex().equals("female") ? 1 : 0, u.first())).toList();
        Target target = poststratification();
        Estimate women = domain(calibrate(target, units), units, u -> true).estimate(true, 100);
        double census = target.margins().get(0).totals().entrySet().stream().filter(e -> e.getKey().get(1).equals("female"))
                .mapToDouble(Map.Entry::getValue).sum() / target.margins().get(0).grandTotal();
        assertThat(women.value()).isCloseTo(100 * census, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(women.se()).as("rounding only").isLessThan(1e-6);
    }

    @Test
    @DisplayName("a target without a total for a sampled class, with a total nobody was sampled in, or a unit without a value is refused")
    void notApplicable() {
        List<Unit> units = sample(3);
        Target full = poststratification();
        Map<List<String>, Double> fewer = new LinkedHashMap<>(full.margins().get(0).totals());
        fewer.remove(List.of("12", "male", "35-44"));
        Target missingCell = new Target("t", Target.Unit.PERSONS, Target.Method.POSTSTRATIFY,
                List.of(new Target.Margin(List.of("province", "sex", "age_group"), fewer)), "");
        assertThatThrownBy(() -> calibrate(missingCell, units)).isInstanceOfSatisfying(Calibration.NotApplicable.class, e -> {
            assertThat(e.problem()).isEqualTo(Calibration.Problem.NO_TOTAL);
            assertThat(e.cells()).containsExactly("province=12, sex=male, age_group=35-44");
        });
        Map<List<String>, Double> more = new LinkedHashMap<>(full.margins().get(0).totals());
        more.put(List.of("23", "male", "35-44"), 100.0);
        Target unsampled = new Target("t", Target.Unit.PERSONS, Target.Method.POSTSTRATIFY,
                List.of(new Target.Margin(List.of("province", "sex", "age_group"), more)), "");
        assertThatThrownBy(() -> calibrate(unsampled, units)).isInstanceOfSatisfying(Calibration.NotApplicable.class,
                e -> assertThat(e.problem()).isEqualTo(Calibration.Problem.NO_SAMPLE));
        Map<String, Stats> table = Map.of("02|urban||15-24|02-a|*", Stats.of(1, 0));
        assertThatThrownBy(() -> Calibration.of(full, VARIABLES, table, Map.of())).isInstanceOfSatisfying(Calibration.NotApplicable.class,
                e -> assertThat(e.problem()).isEqualTo(Calibration.Problem.MISSING_VALUE));
    }

    @Test
    @DisplayName("raking a single margin gives the post-stratified weights")
    void rakingOneMarginIsPostStratification() {
        List<Unit> units = sample(11);
        Target post = poststratification();
        Target rake = new Target("t", Target.Unit.PERSONS, Target.Method.RAKE, post.margins(), "");
        Calibration a = calibrate(post, units);
        Calibration b = calibrate(rake, units);
        for (int j = 0; j < a.factor.length; j++) {
            assertThat(b.factor[j]).isCloseTo(a.factor[j], org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(b.passes()).isLessThanOrEqualTo(2);
    }
}
