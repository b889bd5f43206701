package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    private static final Disclosure.Rules K5 = new Disclosure.Rules(25, 5, true);
    private static final Disclosure.Rules K10 = new Disclosure.Rules(25, 10, true);

    private static Stats cell(int n, int withAttribute) {
        return new Stats(n, withAttribute, n, withAttribute, n, withAttribute, withAttribute, withAttribute);
    }

    @Test
    @DisplayName("primary rules: n or n_eff below 25, or 1 to k-1 respondents with or without the attribute")
    void primary() {
        assertThat(Disclosure.primary(cell(24, 12), K5)).isEqualTo(Disclosure.Reason.SMALL_DENOMINATOR);
        assertThat(Disclosure.primary(cell(25, 12), K5)).isNull();
        assertThat(Disclosure.primary(cell(100, 4), K5)).isEqualTo(Disclosure.Reason.SMALL_COUNT);
        assertThat(Disclosure.primary(cell(100, 96), K5)).isEqualTo(Disclosure.Reason.SMALL_COUNT);
        assertThat(Disclosure.primary(cell(100, 0), K5)).isNull();
        assertThat(Disclosure.primary(cell(100, 5), K5)).isNull();
        assertThat(Disclosure.primary(cell(100, 7), K10)).isEqualTo(Disclosure.Reason.SMALL_COUNT);
        Stats unequalWeights = Stats.EMPTY;
        for (int i = 0; i < 40; i++) {
            unequalWeights = unequalWeights.plus(Stats.of(i < 4 ? 30 : 1, i % 2));
        }
        assertThat(unequalWeights.w() * unequalWeights.w() / unequalWeights.w2()).isLessThan(25);
        assertThat(Disclosure.primary(unequalWeights, K5)).as("40 respondents, but an effective sample under 25")
                .isEqualTo(Disclosure.Reason.SMALL_EFFECTIVE_N);
    }

    @Test
    @DisplayName("a two-cell split where one cell is small hides both, so the total cannot reveal it")
    void twoCellSplit() {
        Map<List<String>, Stats> cells = new LinkedHashMap<>();
        cells.put(List.of("female"), cell(200, 80));
        cells.put(List.of("male"), cell(20, 9));
        Map<List<String>, Disclosure.Reason> s = Disclosure.suppress(1, cells, K5, (d, fixed) -> false);
        assertThat(s).containsEntry(List.of("male"), Disclosure.Reason.SMALL_DENOMINATOR)
                .containsEntry(List.of("female"), Disclosure.Reason.COMPLEMENTARY);
    }

    @Test
    @DisplayName("the complementary cell is the smallest other one, and more are added while the hidden sum is itself sensitive")
    void complementaryChoice() {
        Map<List<String>, Stats> cells = new LinkedHashMap<>();
        cells.put(List.of("01"), cell(10, 3));
        cells.put(List.of("02"), cell(12, 2));
        cells.put(List.of("03"), cell(30, 10));
        cells.put(List.of("04"), cell(300, 100));
        cells.put(List.of("05"), cell(40, 15));
        Map<List<String>, Disclosure.Reason> s = Disclosure.suppress(1, cells, K5, (d, fixed) -> false);
        // 01 and 02 together have n = 22 < 25: still sensitive, so the smallest other (03) goes too
        assertThat(s.keySet()).containsExactlyInAnyOrder(List.of("01"), List.of("02"), List.of("03"));
        assertThat(s.get(List.of("03"))).isEqualTo(Disclosure.Reason.COMPLEMENTARY);
    }

    @Test
    @DisplayName("in a two-way table every row and column with a hidden cell hides at least two")
    void twoWay() {
        Map<List<String>, Stats> cells = new LinkedHashMap<>();
        String[] provinces = {"01", "02", "03"};
        for (String p : provinces) {
            cells.put(List.of("female", p), cell(100, 40));
            cells.put(List.of("male", p), cell(100, 40));
        }
        cells.put(List.of("male", "02"), cell(100, 2));
        Map<List<String>, Disclosure.Reason> s = Disclosure.suppress(2, cells, K5, (d, fixed) -> false);
        assertThat(s).containsEntry(List.of("male", "02"), Disclosure.Reason.SMALL_COUNT);
        for (int d = 0; d < 2; d++) {
            int dim = d;
            Map<List<String>, Integer> hiddenPerSlice = new LinkedHashMap<>();
            cells.keySet().forEach(k -> {
                List<String> rest = new java.util.ArrayList<>(k);
                rest.remove(dim);
                hiddenPerSlice.merge(rest, s.containsKey(k) ? 1 : 0, Integer::sum);
            });
            assertThat(hiddenPerSlice.values()).as("dimension %d", d).allMatch(h -> h == 0 || h >= 2);
        }
    }

    @Test
    @DisplayName("when the parent total is hidden, its cells cannot all be published")
    void hiddenParent() {
        Map<List<String>, Stats> cells = new LinkedHashMap<>();
        cells.put(List.of("urban"), cell(60, 30));
        cells.put(List.of("rural"), cell(70, 30));
        Map<List<String>, Disclosure.Reason> s = Disclosure.suppress(1, cells, K5, (d, fixed) -> true);
        assertThat(s).hasSize(2);
    }
}
