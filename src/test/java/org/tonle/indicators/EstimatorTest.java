package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a direct computation of the §6 formulas from the respondents themselves
 * (R's {@code survey} package is the yardstick in {@link SurveyPackageTest}; these check the
 * additive bookkeeping on its own).
 */
class EstimatorTest {

    private static final double Z = 1.959963984540054;

    /** One respondent: stratum, PSU (null: their own), weight, value, and whether they are in the domain. */
    private record Person(String stratum, String psu, double w, double y, boolean member) {}

    @Test
    @DisplayName("without a declared design, a domain's SE uses the whole sample's size (n − 1), not the domain's")
    void simpleRandomSampleDomain() {
        List<Person> people = sample(new Random(7), 1, 0, 500);
        Estimate e = Estimator.estimate(domain(people, false), true, 100);
        assertThat(e.value()).isCloseTo(100 * p(people), within(1e-9));
        assertThat(e.se()).isCloseTo(100 * Math.sqrt(directVariance(people, p(people))), within(1e-12));
        long members = people.stream().filter(Person::member).count();
        assertThat(e.df()).isEqualTo(members - 1);
        double logit = Math.log(p(people) / (1 - p(people)));
        double t = Estimator.t(members - 1);
        assertThat(e.lo()).isCloseTo(100 / (1 + Math.exp(-(logit - t * e.se() / 100 / (p(people) * (1 - p(people)))))), within(1e-9));
    }

    @Test
    @DisplayName("with strata and PSUs (unequal sizes, a lonely PSU, own-PSU respondents) the SE is the linearised one")
    void stratifiedClusters() {
        List<Person> people = sample(new Random(11), 6, 9, 700);
        people.add(new Person("lonely", "v-only", 2.5, 1, true));
        people.add(new Person("lonely", "v-only", 1.5, 0, true));
        Estimate e = Estimator.estimate(domain(people, true), true, 100);
        assertThat(e.se()).isCloseTo(100 * Math.sqrt(directVariance(people, p(people))), within(1e-12));
        assertThat(e.deff()).isNotNull().isPositive();
    }

    @Test
    @DisplayName("a difference of two domains sharing PSUs includes their covariance")
    void contrastWithSharedPsus() {
        Random random = new Random(3);
        List<Person> women = new ArrayList<>();
        List<Person> men = new ArrayList<>();
        for (Person x : sample(random, 4, 6, 600)) {
            boolean woman = random.nextBoolean();
            (woman ? women : men).add(x);
            (woman ? men : women).add(new Person(x.stratum(), x.psu(), x.w(), x.y(), false));
        }
        Estimator.Domain a = domain(women, true);
        Estimator.Domain b = domain(men, true);
        Estimate d = Estimator.contrast(a, b, false, 100);
        double pa = p(women);
        double pb = p(men);
        Map<String, Double> totals = new HashMap<>();
        double na = women.stream().filter(Person::member).mapToDouble(Person::w).sum();
        double nb = men.stream().filter(Person::member).mapToDouble(Person::w).sum();
        for (int k = 0; k < women.size(); k++) {
            Person x = women.get(k);
            double z = x.member() ? x.w() * (x.y() - pa) / na : men.get(k).member() ? -x.w() * (x.y() - pb) / nb : 0;
            totals.merge(x.stratum() + "|" + (x.psu() == null ? "own" + k : x.psu()), z, Double::sum);
        }
        assertThat(d.value()).isCloseTo(100 * (pa - pb), within(1e-9));
        assertThat(d.se()).isCloseTo(100 * Math.sqrt(stratumVariance(totals)), within(1e-12));
    }

    @Test
    @DisplayName("at 0% and 100% the interval is Wilson's on the effective sample size, inside [0, 100]")
    void wilsonAtTheEdges() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            people.add(new Person("*", null, i % 2 == 0 ? 1 : 3, 0, true));
        }
        Estimate e = Estimator.estimate(domain(people, false), true, 100);
        double nEff = (15 * 1 + 15 * 3.0) * (15 * 1 + 15 * 3.0) / (15 * 1 + 15 * 9.0);
        double z2 = Z * Z;
        double hi = ((z2 / (2 * nEff)) + Z * Math.sqrt(z2 / (4 * nEff * nEff))) / (1 + z2 / nEff);
        assertThat(e.value()).isEqualTo(0.0);
        assertThat(e.se()).isEqualTo(0.0);
        assertThat(e.lo()).isCloseTo(0, within(1e-12));
        assertThat(e.hi()).isCloseTo(100 * hi, within(1e-9));
    }

    /** {@code strata} strata of PSUs (some respondents their own PSU), a third of them outside the domain. */
    private static List<Person> sample(Random random, int strata, int psusPerStratum, int size) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String stratum = strata == 1 ? "*" : "s" + random.nextInt(strata);
            String psu = psusPerStratum == 0 || random.nextInt(10) == 0 ? null : "v" + random.nextInt(psusPerStratum * (1 + i % 3));
            people.add(new Person(stratum, psu, 0.5 + random.nextDouble() * 3, random.nextDouble() < 0.33 ? 1 : 0,
                    random.nextInt(3) != 0));
        }
        return people;
    }

    private static double p(List<Person> people) {
        double sw = 0;
        double swy = 0;
        for (Person x : people) {
            if (x.member()) {
                sw += x.w();
                swy += x.w() * x.y();
            }
        }
        return swy / sw;
    }

    /** Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)² over every PSU of the sample, members or not; a lonely stratum uncentred. */
    private static double directVariance(List<Person> people, double p) {
        double n = people.stream().filter(Person::member).mapToDouble(Person::w).sum();
        Map<String, Double> totals = new HashMap<>();
        for (int k = 0; k < people.size(); k++) {
            Person x = people.get(k);
            double z = x.member() ? x.w() * (x.y() - p) / n : 0;
            totals.merge(x.stratum() + "|" + (x.psu() == null ? "own" + k : x.psu()), z, Double::sum);
        }
        return stratumVariance(totals);
    }

    private static double stratumVariance(Map<String, Double> totals) {
        Map<String, List<Double>> byStratum = new HashMap<>();
        totals.forEach((key, z) -> byStratum.computeIfAbsent(key.substring(0, key.indexOf('|')), s -> new ArrayList<>()).add(z));
        double variance = 0;
        for (List<Double> z : byStratum.values()) {
            int n = z.size();
            double mean = z.stream().mapToDouble(Double::doubleValue).sum() / n;
            double squares = z.stream().mapToDouble(v -> n > 1 ? (v - mean) * (v - mean) : v * v).sum();
            variance += n > 1 ? n / (n - 1.0) * squares : squares;
        }
        return variance;
    }

    /** The domain as the tables hold it: cell statistics, per-PSU companion entries, the design's PSU counts. */
    private static Estimator.Domain domain(List<Person> people, boolean designed) {
        Stats cell = Stats.EMPTY;
        Map<String, Stats> byUnit = new HashMap<>();
        Map<String, Stats> design = new HashMap<>();
        for (Person x : people) {
            String unit = (designed ? x.stratum() : "*") + "|" + (designed && x.psu() != null ? x.psu() : "*");
            design.merge(unit, Stats.of(x.w(), 0), Stats::plus);
            if (x.member()) {
                Stats one = Stats.of(x.w(), x.y());
                cell = cell.plus(one);
                byUnit.merge(unit, one, Stats::plus);
            }
        }
        return new Estimator.Domain(cell, designed ? byUnit : Map.of("*|*", cell), DesignVariance.psusPerStratum(design));
    }
}
