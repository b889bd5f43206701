package org.tonle.indicators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The design-based variance of questionnaires.md §6, from additive tables: Taylor linearisation
 * with strata and primary sampling units (PSUs), with-replacement approximation, as R's
 * {@code svydesign(ids=~psu, strata=~stratum, weights=~w, nest=TRUE)}. Pure.
 *
 * <p>For a domain mean p = ΣA/ΣB (A = Σwy, B = Σw of its members) the linearised variable of PSU i
 * of stratum h is z_hi = (A_hi − p·B_hi)/N, and var = Σ_h n_h/(n_h − 1)·Σ_i (z_hi − z̄_h)², with n_h
 * the stratum's PSUs in the whole sample, members or not (the domain convention: PSUs without a
 * member add z = 0). A contrast of domains (a ratio or a difference) is the same with z the
 * combination of the domains' z. A stratum with a single PSU in the whole sample contributes z²,
 * centred on the grand mean 0, as {@code options(survey.lonely.psu = "adjust")}. Respondents that
 * are their own PSU are kept as one summed entry per stratum (their squares are additive).
 */
final class DesignVariance {

    private DesignVariance() {
    }

    /** The whole sample's PSUs per stratum, from a form's design table ({@code "<stratum>|<psu>"} to statistics). */
    static Map<String, Long> psusPerStratum(Map<String, Stats> designCells) {
        Map<String, Long> psus = new HashMap<>();
        designCells.forEach((key, s) -> {
            String[] unit = unit(key);
            psus.merge(unit[0], unit[1].equals(SampleDesign.OWN_PSU) ? s.n() : 1L, Long::sum);
        });
        return psus;
    }

    /**
     * One domain in a linear combination: its weight in the contrast, its estimate, its weighted
     * size, and its statistics per {@code "<stratum>|<psu>"}.
     */
    record Term(double coefficient, double p, double weightedN, Map<String, Stats> byUnit) {
    }

    /** A variance and its degrees of freedom (PSUs minus strata among those holding members). */
    record Result(double variance, long df) {
    }

    static Result of(List<Term> terms, Map<String, Long> psusPerStratum) {
        Map<String, Stratum> strata = new HashMap<>();
        for (Term term : terms) {
            double scale = term.coefficient() / term.weightedN();
            term.byUnit().forEach((key, s) -> {
                if (s.n() == 0) {
                    return;
                }
                String[] unit = unit(key);
                Stratum stratum = strata.computeIfAbsent(unit[0], k -> new Stratum());
                double linear = scale * (s.wy() - term.p() * s.w());
                if (unit[1].equals(SampleDesign.OWN_PSU)) {
                    double squares = s.w2y2() - 2 * term.p() * s.w2y() + term.p() * term.p() * s.w2();
                    stratum.sum += linear;
                    stratum.squares += scale * scale * squares;
                    stratum.members += s.n();
                } else {
                    stratum.psuTotals.merge(unit[1], linear, Double::sum);
                }
            });
        }
        double variance = 0;
        long psus = 0;
        for (Map.Entry<String, Stratum> e : strata.entrySet()) {
            Stratum h = e.getValue();
            variance += stratumVariance(h, psusPerStratum.getOrDefault(e.getKey(), h.members + h.psuTotals.size()));
            psus += h.members + h.psuTotals.size();
        }
        return new Result(Math.max(0, variance), psus - strata.size());
    }

    /** A companion table's entries by cell: {@code "<cell>|<stratum>|<psu>"} → cell → {@code "<stratum>|<psu>"}. */
    static Map<String, Map<String, Stats>> byCell(Map<String, Stats> companion) {
        Map<String, Map<String, Stats>> cells = new HashMap<>();
        if (companion != null) {
            companion.forEach((key, s) -> {
                int psu = key.lastIndexOf('|');
                int stratum = key.lastIndexOf('|', psu - 1);
                cells.computeIfAbsent(key.substring(0, stratum), c -> new HashMap<>()).put(key.substring(stratum + 1), s);
            });
        }
        return cells;
    }

    private static String[] unit(String key) {
        int bar = key.lastIndexOf('|');
        return new String[] {key.substring(0, bar), key.substring(bar + 1)};
    }

    /**
     * A stratum's share of the variance: n/(n − 1)·Σ_i (z_i − z̄)² over its {@code n} PSUs in the whole
     * sample (those not listed have z = 0), or Σ z² for a stratum with a single PSU ("adjust").
     */
    static double stratumVariance(Stratum h, long n) {
        double sum = h.sum;
        double squares = h.squares;
        for (double t : h.psuTotals.values()) {
            sum += t;
            squares += t * t;
        }
        return n > 1 ? n / (n - 1.0) * (squares - sum * sum / n) : squares;
    }

    /** A stratum's running sums: the respondents that are their own PSU summed (with their squares), other PSUs' totals apart. */
    static final class Stratum {
        double sum;
        double squares;
        long members;
        final Map<String, Double> psuTotals = new HashMap<>();
    }
}
