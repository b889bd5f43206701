package org.tonle.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.indicators.Stats;

/** Which cells a release carries over from the previous one, on plain tables. */
class DifferencingTest {

    private static Stats people(int n, int with) {
        Stats s = Stats.EMPTY;
        for (int i = 0; i < n; i++) {
            s = s.plus(Stats.of(1, i < with ? 1 : 0));
        }
        return s;
    }

    /** national and by province: 09 and 12, then 17 changed by {@code changed17} and 09 by {@code changed09} */
    private static Map<List<String>, Set<List<String>>> carried(int changed09, int changed17) {
        Map<List<String>, Map<List<String>, Stats>> before = new LinkedHashMap<>();
        before.put(List.of(), Map.of(List.of(), people(300, 100)));
        before.put(List.of("province"), Map.of(List.of("09"), people(60, 0), List.of("12"), people(140, 50), List.of("17"), people(100, 50)));
        Map<List<String>, Map<List<String>, Stats>> now = new LinkedHashMap<>();
        now.put(List.of(), Map.of(List.of(), people(300 + changed09 + changed17, 100 + changed09)));
        now.put(List.of("province"), Map.of(List.of("09"), people(60 + changed09, changed09), List.of("12"), people(140, 50),
                List.of("17"), people(100 + changed17, 50)));
        return Differencing.carried(now, before, 5, true);
    }

    @Test
    @DisplayName("a cell changed by 1..k−1 is carried, and so is its parent, which would otherwise show that change")
    void smallChangeCarriedUpwards() {
        Map<List<String>, Set<List<String>>> carried = carried(1, 0);
        assertThat(carried.get(List.of("province"))).containsExactly(List.of("09"));
        assertThat(carried.get(List.of())).containsExactly(List.of());
    }

    @Test
    @DisplayName("a parent changed by k or more is published anew when its carried children changed by k or more together")
    void carriedChildrenTogetherAtLeastK() {
        Map<List<String>, Set<List<String>>> carried = carried(2, 3);
        assertThat(carried.get(List.of("province"))).containsExactlyInAnyOrder(List.of("09"), List.of("17"));
        assertThat(carried.get(List.of())).isEmpty();
    }

    @Test
    @DisplayName("a parent whose carried children changed by fewer than k is carried, however much it changed")
    void windowOnCarriedChildClosed() {
        Map<List<String>, Set<List<String>>> carried = carried(1, 6);
        assertThat(carried.get(List.of("province"))).containsExactly(List.of("09"));
        assertThat(carried.get(List.of())).containsExactly(List.of());
    }

    @Test
    @DisplayName("a changed answer that leaves the count as it was counts as a change of one")
    void correctionCounts() {
        assertThat(Differencing.change(people(60, 1), people(60, 0), true)).isEqualTo(1);
        assertThat(Differencing.change(people(60, 0), people(60, 0), true)).isZero();
    }
}
