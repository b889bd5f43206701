package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FormLoaderTest {

    private static final String PROFILE = TestForms.files().get("profile.yaml");

    @Test
    @DisplayName("every shipped questionnaire loads, in English and Khmer, with a translation status per language")
    void shippedFormsLoad() {
        Map<String, Form> forms = FormLoader.load(FormSource.directory(java.nio.file.Path.of("forms")));
        assertThat(forms).containsOnlyKeys("digital-literacy", "disability-access", "gender-digital", "children-online");
        for (Form form : forms.values()) {
            assertThat(form.languages()).containsOnlyKeys("en", "km");
            for (Question q : form.questions()) {
                if (q.label() != null) {
                    assertThat(q.label().get("km")).as(form.id() + "." + q.name())
                            .matches(".*[\\u1780-\\u17FF].*");
                }
            }
        }
    }

    @Test
    @DisplayName("every individual questionnaire carries the fixed profile variables that indicators disaggregate by")
    void profileVariablesEverywhere() {
        Map<String, Form> forms = FormLoader.load(FormSource.directory(java.nio.file.Path.of("forms")));
        for (Form form : forms.values()) {
            for (String name : List.of("sex", "age", "age_group", "province", "area", "wg_seeing", "wg_hearing",
                    "wg_mobility", "wg_cognition", "wg_selfcare", "wg_communication", "disability")) {
                assertThat(form.question(name)).as(form.id() + " has " + name).isNotNull();
            }
        }
        Form dl = forms.get("digital-literacy");
        for (String name : List.of("internet_use", "internet_frequency", "mobile_use", "mobile_own", "smartphone",
                "khmer_script", "ict_skills", "no_internet_reasons", "household_internet", "household_internet_type")) {
            assertThat(dl.question(name)).as("digital-literacy has " + name).isNotNull();
        }
        assertThat(dl.question("ict_skills").choices()).extracting(Choice::value).contains("copy_paste",
                "send_attachment", "spreadsheet_formula", "connect_device", "install_software", "presentation",
                "transfer_files", "security_measures", "privacy_settings", "verify_information", "programming", "none");
        assertThat(dl.question("province").choices()).hasSize(25);
    }

    @Test
    @DisplayName("children-online asks guardian consent and child assent first, and only ages 9 to 17")
    void childrenOnlineEthics() {
        Form form = FormLoader.load(FormSource.directory(java.nio.file.Path.of("forms"))).get("children-online");
        List<Question> questions = List.copyOf(form.questions());
        assertThat(questions.get(0).name()).isEqualTo("guardian_consent");
        assertThat(questions.get(1).name()).isEqualTo("child_assent");
        assertThat(questions.get(0).consent()).isTrue();
        assertThat(questions.get(1).consent()).isTrue();
        assertThat(form.question("age").constraint().source()).isEqualTo(". >= 9 and . <= 17");
        Set<String> freeText = questions.stream().filter(q -> q.type() == QuestionType.TEXT).map(Question::name)
                .collect(Collectors.toSet());
        assertThat(freeText).as("no free text in children-online").isEmpty();
        for (Question q : questions) {
            if (q.sensitive() && q.choices().size() > 0) {
                assertThat(q.choices()).extracting(Choice::value).as(q.name()).contains("dont_know", "prefer_not_to_say");
            }
        }
    }

    @Test
    @DisplayName("a broken form stops the server naming file, question and reason, for every problem at once")
    void brokenFormReportsEverything() {
        String broken = """
                id: broken
                version: "1"
                title: {en: "Broken", km: "ខូច"}
                languages: {en: reviewed, km: draft}
                questions:
                  - include: profile
                  - name: q1
                    type: slider
                    label: {en: "Q1", km: "ស១"}
                  - name: q2
                    type: select_one
                    choices: missing_list
                    label: {en: "Q2", km: "ស២"}
                  - name: q3
                    type: integer
                    label: {en: "Q3"}
                    relevent: "${q2} = 'a'"
                  - name: q3
                    type: integer
                    label: {en: "Q3 again", km: "ស៣"}
                  - name: q4
                    type: integer
                    label: {en: "Q4", km: "ស៤"}
                    relevant: "${nowhere} > 1"
                    constraint: ". >= "
                    constraint_message: {en: "bad", km: "អាក្រក់"}
                  - name: c1
                    type: calculate
                    calculation: "${c2} + 1"
                  - name: c2
                    type: calculate
                    calculation: "${c1} + 1"
                  - name: q5
                    type: select_one
                    choices: yn
                    label: {en: "Q5", km: "ស៥"}
                choices:
                  yn:
                    - {value: yes, label: {en: "Yes", km: "បាទ"}}
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("profile.yaml", PROFILE);
        files.put("broken.yaml", broken);
        assertThatThrownBy(() -> FormLoader.load(files))
                .isInstanceOf(FormDefinitionException.class)
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("broken.yaml", "question 'q1'", "unknown type 'slider'")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q2'", "choice list 'missing_list' is not defined")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q3'", "'label' has no text in language 'km'")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q3'", "unknown key 'relevent'")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q3'", "used twice")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q4'", "${nowhere}", "not a question of this form")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'q4'", "constraint does not parse")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("cycle", "c1", "c2")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("choice list 'yn'", "must be a quoted word")));
    }

    @Test
    @DisplayName("a form whose id differs from its file name, or that includes a missing fragment, is refused")
    void idAndIncludes() {
        Map<String, String> files = Map.of("one.yaml", """
                id: two
                version: "1"
                title: {en: "T", km: "ត"}
                languages: {en: reviewed, km: draft}
                questions:
                  - include: nothere
                """);
        assertThatThrownBy(() -> FormLoader.load(files))
                .hasMessageContaining("one.yaml: id 'two' must equal the file name 'one'")
                .hasMessageContaining("includes 'nothere'");
    }

    @Test
    @DisplayName("a form file whose expressions could build unbounded text, or whose skip logic reads its own answer, stops the start naming the question")
    void costAndSelfReference() {
        StringBuilder doubling = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            doubling.append("  - {name: d").append(i).append(", type: calculate, calculation: \"concat(${d").append(i - 1)
                    .append("}, ${d").append(i - 1).append("})\"}\n");
        }
        Map<String, String> files = Map.of("costly.yaml", """
                id: costly
                version: "1"
                title: {en: "T", km: "ត"}
                languages: {en: reviewed, km: draft}
                questions:
                  - {name: d0, type: text, label: {en: "Text", km: "អត្ថបទ"}}
                  - {name: self, type: text, relevant: "${self} != ''", label: {en: "Self", km: "ខ្លួនឯង"}}
                """ + doubling, "deep.yaml", """
                id: deep
                version: "1"
                title: {en: "T", km: "ត"}
                languages: {en: reviewed, km: draft}
                questions:
                  - {name: deep, type: integer, relevant: "%s", label: {en: "Deep", km: "ជ្រៅ"}}
                """.formatted("(".repeat(40) + "1" + ")".repeat(40)));
        assertThatThrownBy(() -> FormLoader.load(files))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("costly.yaml", "question 'd2'", "could build text of 16000 characters")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).noneSatisfy(p ->
                        assertThat(p).contains("question 'd3'")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'self'", "depends on this question's own answer")))
                .satisfies(e -> assertThat(((FormDefinitionException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("question 'deep'", "nested more than 32 deep").hasSizeLessThan(300)));
    }

    @Test
    @DisplayName("a YAML syntax error names its line and column and the parser's reason")
    void yamlSyntaxErrorHasLineAndColumn() {
        Map<String, String> files = Map.of("typo.yaml", """
                id: typo
                version: "1"
                questions:
                  - name: a
                    type: text
                   - name: b
                """);
        assertThatThrownBy(() -> FormLoader.load(files))
                .satisfies(e -> assertThat(((FormDefinitionException) e).located()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(6);
                    assertThat(p.column()).isEqualTo(4);
                    assertThat(p.toString()).startsWith("typo.yaml: not valid YAML at line 6, column 4: ")
                            .doesNotContain("Source");
                }));
    }

    @Test
    @DisplayName("skip logic that reads a question asked later is refused; a calculation placed later that reads earlier answers is fine")
    void relevantReadsALaterQuestion() {
        Map<String, String> files = Map.of("later.yaml", """
                id: later
                version: "1"
                title: {en: "T", km: "ត"}
                languages: {en: reviewed, km: draft}
                questions:
                  - {name: first, type: integer, label: {en: "First", km: "ទី១"}}
                  - {name: early, type: text, relevant: "${second} > 1", label: {en: "Early", km: "មុន"}}
                  - {name: viacalc, type: text, relevant: "${total} > 1", label: {en: "Via", km: "តាម"}}
                  - {name: fine, type: text, relevant: "${double} > 1", label: {en: "Fine", km: "ល្អ"}}
                  - {name: second, type: integer, label: {en: "Second", km: "ទី២"}}
                  - {name: total, type: calculate, calculation: "${first} + ${second}"}
                  - {name: double, type: calculate, calculation: "${first} * 2"}
                """);
        assertThatThrownBy(() -> FormLoader.load(files))
                .satisfies(e -> assertThat(((FormDefinitionException) e).located())
                        .extracting(p -> p.subject().name(), DefinitionProblem::key)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("early", "relevant"),
                                org.assertj.core.groups.Tuple.tuple("viacalc", "relevant")))
                .hasMessageContaining("later.yaml: question 'early': relevant (its own or an enclosing group's) reads ${second},"
                        + " which is asked later in the form");
    }
}
