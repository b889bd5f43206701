package org.tonle.indicators;

import java.util.HashMap;
import java.util.Map;

/**
 * Households counted once each, from a table's household companion ({@link Tables#byHousehold}),
 * which keeps every interviewed member's statistics per {@code "<cell>|<stratum>|<psu>|<household>"}.
 * Pure.
 *
 * <p>A household's answer is "yes" if any member in the indicator's denominator said yes: a member
 * who reports Internet at home is more likely right than one who does not know of it, and "don't
 * know" is already outside the denominator. Its weight is its members' mean weight (members of one
 * household share the household's design weight, so normally all are equal). A respondent whose
 * household is not known counts as a household of their own ({@code "*"}: summed as individuals).
 */
final class HouseholdCells {

    private HouseholdCells() {
    }

    /** Cell key to its domain of households: their statistics, per {@code "<stratum>|<psu>"}. */
    static Map<String, Estimator.Domain> domains(Map<String, Stats> companion, Map<String, Long> psusPerStratum) {
        Map<String, Map<String, Stats>> byCell = new HashMap<>();
        if (companion != null) {
            companion.forEach((key, members) -> {
                int household = key.lastIndexOf('|');
                int psu = key.lastIndexOf('|', household - 1);
                int stratum = key.lastIndexOf('|', psu - 1);
                String id = key.substring(household + 1);
                Stats households = id.equals(SampleDesign.OWN_PSU) ? members
                        : Stats.of(members.w() / members.n(), members.sy() > 0 ? 1 : 0);
                byCell.computeIfAbsent(key.substring(0, stratum), c -> new HashMap<>())
                        .merge(key.substring(stratum + 1, household), households, Stats::plus);
            });
        }
        Map<String, Estimator.Domain> domains = new HashMap<>();
        byCell.forEach((cell, byUnit) -> {
            Stats total = byUnit.values().stream().reduce(Stats.EMPTY, Stats::plus);
            domains.put(cell, new Estimator.Domain(total, byUnit, psusPerStratum));
        });
        return domains;
    }
}
