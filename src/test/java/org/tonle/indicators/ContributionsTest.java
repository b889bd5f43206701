package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;
import org.tonle.submissions.AnswerValidator;

class ContributionsTest {

    private static final Map<String, Form> FORMS = TestForms.load();
    private static final Contributions CONTRIBUTIONS = new Contributions(IndicatorLoader.load(TestForms.files(),
            FormLoader.load(TestForms.files())));

    /** Answers as stored: validated, with the server's calculations (age group, disability). */
    private static Map<String, Object> stored(Respondent r) {
        AnswerValidator.Result result = AnswerValidator.validate(FORMS.get("digital-literacy"), r.answers());
        assertThat(result.problems()).isEmpty();
        return result.answers();
    }

    @Test
    void sumsEachRespondentIntoTheNationalCellAndEveryBreakdown() {
        Respondent onlineWoman = new Respondent("female", "12", "urban", false, true, 2.0);
        Respondent offlineWoman = new Respondent("female", "17", "rural", true, false, 1.5);
        Respondent onlineMan = new Respondent("male", "12", "rural", false, true, 1.0);
        Contributions.Sum sum = CONTRIBUTIONS.sum();
        for (Respondent r : List.of(onlineWoman, offlineWoman, onlineMan)) {
            sum.add("s-" + r.sex() + r.province(), "digital-literacy", stored(r), r.weight());
        }
        Map<String, Map<String, Stats>> deltas = sum.deltas();

        Map<String, Stats> national = deltas.get(Tables.id("internet_use", List.of()));
        assertThat(national).containsOnlyKeys(Tables.NATIONAL_CELL);
        assertThat(national.get(Tables.NATIONAL_CELL)).isEqualTo(Stats.of(2.0, 1).plus(Stats.of(1.5, 0)).plus(Stats.of(1.0, 1)));

        Map<String, Stats> bySex = deltas.get(Tables.id("internet_use", List.of("sex")));
        assertThat(bySex).containsOnlyKeys("female", "male");
        assertThat(bySex.get("female")).isEqualTo(Stats.of(2.0, 1).plus(Stats.of(1.5, 0)));
        assertThat(bySex.get("male")).isEqualTo(Stats.of(1.0, 1));

        Map<String, Stats> bySexProvince = deltas.get(Tables.id("internet_use", List.of("sex", "province")));
        assertThat(bySexProvince).containsOnlyKeys("female|12", "female|17", "male|12");
        assertThat(bySexProvince.get("female|17")).isEqualTo(Stats.of(1.5, 0));

        Map<String, Stats> byDisability = deltas.get(Tables.id("internet_use", List.of("disability")));
        assertThat(byDisability.values().stream().mapToLong(Stats::n).sum()).isEqualTo(3);
    }

    @Test
    void batchesSummedApartAndThenTogetherGiveTheSameCellsAsOneSum() {
        Respondent onlineWoman = new Respondent("female", "12", "urban", false, true, 2.0);
        Respondent offlineWoman = new Respondent("female", "17", "rural", true, false, 1.5);
        Respondent onlineMan = new Respondent("male", "12", "rural", false, true, 1.0);
        Contributions.Sum all = CONTRIBUTIONS.sum();
        Contributions.Sum first = CONTRIBUTIONS.sum();
        Contributions.Sum second = CONTRIBUTIONS.sum();
        for (Respondent r : List.of(onlineWoman, offlineWoman, onlineMan)) {
            all.add("s-" + r.sex() + r.province(), "digital-literacy", stored(r), r.weight());
            (r == onlineWoman ? first : second).add("s-" + r.sex() + r.province(), "digital-literacy", stored(r), r.weight());
        }
        second.add("overflowing", "digital-literacy", stored(onlineMan), Double.MAX_VALUE);
        Map<String, Map<String, Stats>> secondBefore = second.deltas();

        first.addAll(second);

        assertThat(first.deltas()).isEqualTo(all.deltas());
        assertThat(first.refused()).containsExactly("overflowing");
        assertThat(second.deltas()).isEqualTo(secondBefore);
    }

    @Test
    void aRespondentOutsideAnIndicatorsUniverseAddsNothingToIt() {
        Respondent offline = new Respondent("female", "12", "urban", false, false, 1.0);
        Contributions.Sum sum = CONTRIBUTIONS.sum();
        sum.add("offline", "digital-literacy", stored(offline), 1.0);
        Map<String, Map<String, Stats>> deltas = sum.deltas();
        assertThat(deltas).containsKey(Tables.id("internet_use", List.of()));
        // Khmer script on the phone counts phone owners only; this respondent owns none
        assertThat(deltas.keySet()).noneMatch(table -> table.startsWith("khmer_script_phone|"));
    }

    @Test
    void aRespondentWhoseNumbersOverflowAddsNothingAndIsListedAsRefused() {
        Respondent online = new Respondent("female", "12", "urban", false, true, 1.0);
        Contributions.Sum sum = CONTRIBUTIONS.sum();
        sum.add("fine", "digital-literacy", stored(online), 2.0);
        sum.add("overflowing", "digital-literacy", stored(online), 1e155);
        assertThat(sum.refused()).containsExactly("overflowing");
        Stats national = sum.deltas().get(Tables.id("internet_use", List.of())).get(Tables.NATIONAL_CELL);
        assertThat(national).isEqualTo(Stats.of(2.0, 1));
        assertThat(sum.deltas().values()).allSatisfy(cells -> assertThat(cells.values()).allMatch(Stats::finite));
    }
}
