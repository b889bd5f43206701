package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.FormDefinitionException;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;

class IndicatorLoaderTest {

    private static IndicatorCatalog load(String indicators) {
        Map<String, String> files = new LinkedHashMap<>(TestForms.files());
        files.put("field-test.yaml", files.get("field-test.yaml") + "\nindicators:\n" + indicators);
        Map<String, Form> forms = FormLoader.load(files);
        return IndicatorLoader.load(files, forms);
    }

    @Test
    @DisplayName("the shipped indicators load: derived ones take their breakdowns from the indicator they compare")
    void shipped() {
        IndicatorCatalog catalog = IndicatorLoader.load(TestForms.files(), FormLoader.load(TestForms.files()));
        Indicator parity = catalog.get("gender_parity_internet_use");
        assertThat(parity.kind()).isEqualTo(Indicator.Kind.RATIO);
        assertThat(parity.disaggregations()).contains(List.of("province"), List.of("age_group")).doesNotContain(List.of("sex"));
        assertThat(catalog.get("disability_prevalence").forms()).as("one survey's sample").containsExactly("digital-literacy");
        assertThat(catalog.get("child_disability_prevalence").forms()).containsExactly("children-online");
        assertThat(catalog.design("children-online")).as("the profile's design applies to every form including it").isNotNull();
        assertThat(catalog.get("child_internet_use").threshold()).isEqualTo(10);
        assertThat(catalog.measuredBy("digital-literacy")).extracting(Indicator::id).contains("internet_use")
                .doesNotContain("gender_parity_internet_use");
    }

    @Test
    @DisplayName("unknown questions, bad expressions and unknown breakdowns stop the start with file, indicator and reason")
    void broken() {
        String bad = """
                  - id: spend_share
                    title: {en: "Spend", km: "ចំណាយ"}
                    category: Z
                    theme: B
                    source: "test"
                    unit: percent
                    numerator: "${nowhere} = 'yes'"
                    disaggregations: [sex, colour, "sex,province"]
                  - id: broken_expression
                    title: {en: "Broken", km: "ខូច"}
                    category: A
                    unit: percent
                    numerator: "${household_size} >="
                  - id: gap
                    title: {en: "Gap", km: "គម្លាត"}
                    category: A
                    unit: percentage_points
                    kind: difference
                    of: spend_share
                    dimension: area
                    first: urban
                    second: rural
                """;
        assertThatThrownBy(() -> load(bad)).isInstanceOf(FormDefinitionException.class)
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("field-test.yaml", "spend_share", "${nowhere}"))
                        .anySatisfy(p -> assertThat(p).contains("spend_share", "category must be one of R, O, A, M, X"))
                        .anySatisfy(p -> assertThat(p).contains("spend_share", "'colour' is not a select_one or calculate"))
                        .anySatisfy(p -> assertThat(p).contains("spend_share", "needs 'province' on its own"))
                        .anySatisfy(p -> assertThat(p).contains("broken_expression", "numerator does not parse"))
                        .anySatisfy(p -> assertThat(p).contains("gap", "'of' must name a proportion or mean")));
    }
}
