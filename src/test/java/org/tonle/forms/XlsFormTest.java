package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tonle.forms.Workbooks.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tonle.indicators.IndicatorLoader;

/** Reading and writing XLSForm workbooks, without a server. */
class XlsFormTest {

    private static final ShippedForms SHIPPED = ShippedForms.load(FormSource.directory(Path.of("forms")));
    private static final IndicatorView INDICATORS = new IndicatorView() {
        @Override
        public List<String> check(Map<String, String> files, Map<String, Form> forms) {
            try {
                IndicatorLoader.load(files, forms);
                return List.of();
            } catch (FormDefinitionException e) {
                return e.problems();
            }
        }

        @Override
        public List<Use> uses(String formId) {
            return formId.equals("market-survey") ? List.of(new Use("online_sellers", Set.of("sells_online"))) : List.of();
        }
    };

    private static DraftCheck.Checked check(byte[] workbook) {
        return new DraftCheck(SHIPPED, INDICATORS).check(new Upload(Upload.Format.XLSFORM, workbook), null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"digital-literacy", "disability-access", "gender-digital", "children-online"})
    @DisplayName("every shipped form written as an XLSForm reads back as the same definition, indicators included")
    void roundTrip(String id) {
        Form shipped = SHIPPED.forms().get(id);
        JsonNode indicators = ShippedForms.tree(SHIPPED.files().get(id + ".yaml")).get("indicators");
        byte[] workbook = XlsFormWriter.write(shipped, indicators);

        DraftCheck.Checked back = check(workbook);

        assertThat(back.problems()).isEmpty();
        assertThat(FormJson.definition(back.form())).isEqualTo(FormJson.definition(shipped));
        assertThat(back.form().restrictedExport()).isEqualTo(shipped.restrictedExport());
        assertThat(back.form().questions()).extracting(Question::name, Question::sensitive, Question::consent)
                .containsExactlyElementsOf(shipped.questions().stream().map(q ->
                        org.assertj.core.groups.Tuple.tuple(q.name(), q.sensitive(), q.consent())).toList());
        JsonNode read = ShippedForms.tree(back.source().json()).get("indicators");
        assertThat(read == null || read.isEmpty() ? null : read).isEqualTo(indicators == null || indicators.isEmpty() ? null : indicators);
    }

    @Test
    @DisplayName("an XLSForm with Khmer labels becomes a form in both languages, its default language Khmer")
    void khmerLabels() {
        DraftCheck.Checked checked = check(Workbooks.marketSurvey("1").bytes());
        assertThat(checked.problems()).isEmpty();
        Form form = checked.form();
        assertThat(form.id()).isEqualTo("market-survey");
        assertThat(form.languages()).containsEntry("en", Form.TranslationStatus.REVIEWED).containsEntry("km", Form.TranslationStatus.DRAFT);
        assertThat(form.question("sells_online").label().get("km")).isEqualTo("តើអ្នកលក់តាមអនឡាញដែរឬទេ?");
        assertThat(form.question("orders").relevance()).extracting(e -> e.source()).containsExactly("${sells_online} = 'yes'");
        assertThat(form.question("channels").choice("none").exclusive()).isTrue();
        assertThat(form.title().get("km")).isEqualTo("ការស្ទង់មតិទីផ្សារ");
        assertThat(FormJson.definition(form).getString("defaultLanguage")).isEqualTo("km");
    }

    @Test
    @DisplayName("what XLSForm has and Tonle has not is refused at its sheet, row and column, in English and Khmer, all at once")
    void unsupportedFeatures() {
        byte[] workbook = Workbooks.create()
                .sheet("survey", List.of(
                        List.of("type", "name", "label::English (en)", "label::Khmer (km)", "required", "required_message::English (en)",
                                "choice_filter", "notes"),
                        List.of("start", "start"),
                        row("geopoint", "where", "Where are you?", "តើអ្នកនៅឯណា?"),
                        row("begin repeat", "members", "Members", "សមាជិក"),
                        row("text", "q1", "Q1", "សំណួរ១", "${q0} = 'a'"),
                        row("text", "q2", "Q2", "សំណួរ២", "yes", "Please answer"),
                        row("select_one yes_no", "q3", "Q3", "សំណួរ៣", null, null, "filter = 1"),
                        row("text", "q4", "Hello ${q2}", "សួស្ដី", null, null, null, "my note"),
                        row("integer", "q5", "=1+1", "សំណួរ៥"),
                        row("end group")))
                .sheet("choices", List.of(List.of("list_name", "name", "label::English (en)", "label::Khmer (km)"),
                        List.of("yes_no", "yes", "Yes", "បាទ/ចាស")))
                .sheet("settings", List.of(List.of("form_id", "version", "instance_name"), List.of("oddities", "1", "concat(${q1})")))
                .bytes();

        List<LocatedProblem> problems = check(workbook).problems();

        assertThat(problems).extracting(LocatedProblem::place).contains(
                "survey!A2", // start: metadata
                "survey!A3", // geopoint
                "survey!A4", // begin repeat
                "survey!E5", // required with an expression
                "survey!F6", // required_message
                "survey!G7", // choice_filter
                "survey!C8", // a label showing an answer
                "survey!H8", // an unknown column
                "survey!C9", // a formula
                "survey!A10", // end group without begin group
                "settings!C2"); // instance_name
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.message().get("en")).isNotBlank();
            assertThat(p.message().get("km")).matches("(?s).*[\\u1780-\\u17FF].*");
        });
        assertThat(problems.stream().filter(p -> p.place().equals("survey!A3")).findFirst().orElseThrow().message().get("en"))
                .contains("type 'geopoint' is not supported");
    }

    @Test
    @DisplayName("what the definition checks find in a workbook is shown at the cell it came from")
    void definitionProblemsAtTheirCells() {
        byte[] workbook = Workbooks.create()
                .sheet("survey", List.of(
                        List.of("type", "name", "label::English (en)", "label::Khmer (km)", "relevant", "constraint"),
                        row("select_one missing_list", "q1", "Q1", "សំណួរ១"),
                        row("text", "q2", "Q2", "សំណួរ២", "${nowhere} = 'x'"),
                        row("integer", "q3", "Q3", null, null, ". >="),
                        row("text", "q4", "Q4", "សំណួរ៤", "${q5} != ''"),
                        row("text", "q5", "Q5", "សំណួរ៥"),
                        row("begin group", "g", "Group", "ក្រុម")))
                .sheet("choices", List.of(List.of("list_name", "name", "label::English (en)", "label::Khmer (km)"),
                        List.of("yes_no", "yes", "Yes", "បាទ/ចាស"),
                        List.of("yes_no", "yes", "Yes again", "បាទ/ចាស ម្ដងទៀត")))
                .sheet("settings", List.of(List.of("form_id", "version"), List.of("checks")))
                .bytes();

        List<LocatedProblem> problems = check(workbook).problems();

        assertThat(problems).extracting(LocatedProblem::place).contains(
                "survey!A2", // choice list not defined: the type cell
                "survey!E3", // relevant refers to an unknown question
                "survey!D4", // no Khmer label
                "survey!F4", // constraint does not parse
                "survey!A7", // begin group without end group
                "choices!B3", // a choice value twice
                "settings!B2"); // version missing
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.sheet()).isEqualTo("survey");
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.column()).isEqualTo("E");
            assertThat(p.message().get("km")).contains("${nowhere}").matches("(?s).*[\\u1780-\\u17FF].*");
        });
    }

    @Test
    @DisplayName("the indicators sheet is checked against the form's questions, each problem at its indicator's row")
    void indicatorsSheet() {
        byte[] workbook = Workbooks.marketSurvey("1")
                .sheet("indicators", List.of(
                        List.of("id", "title::English (en)", "title::Khmer (km)", "category", "theme", "unit", "numerator",
                                "disaggregations", "universe_label::English (en)", "universe_label::Khmer (km)"),
                        List.of("online_sellers", "Businesses selling online", "អាជីវកម្មដែលលក់តាមអនឡាញ", "A", "B", "percent",
                                "${sells_online} = 'yes'", "sells_online", "Businesses", "អាជីវកម្ម"),
                        List.of("telegram_sellers", "Selling on Telegram", "លក់តាមតេឡេក្រាម", "A", "B", "percent",
                                "selected(${channel}, 'telegram')", "", "Businesses", "អាជីវកម្ម")))
                .bytes();
        DraftCheck.Checked checked = check(workbook);
        assertThat(checked.problems()).singleElement().satisfies(p -> {
            assertThat(p.place()).isEqualTo("indicators!G3");
            assertThat(p.message().get("en")).contains("${channel}", "not a question of form market-survey");
            assertThat(p.message().get("km")).contains("${channel}").matches("(?s).*[\\u1780-\\u17FF].*");
        });
        JsonNode indicators = ShippedForms.tree(checked.source().json()).get("indicators");
        assertThat(indicators.get(0).get("disaggregations").get(0).asText()).isEqualTo("sells_online");
    }

    @Test
    @DisplayName("skip logic that reads a question asked later is shown at its relevant cell")
    void askedLater() {
        byte[] workbook = Workbooks.create()
                .sheet("survey", List.of(
                        List.of("type", "name", "label::English (en)", "label::Khmer (km)", "relevant"),
                        row("text", "q1", "Q1", "សំណួរ១", "${q2} != ''"),
                        row("text", "q2", "Q2", "សំណួរ២")))
                .sheet("settings", List.of(List.of("form_id", "version", "form_title::English (en)", "form_title::Khmer (km)"),
                        List.of("later", "1", "Later", "ក្រោយ")))
                .bytes();
        assertThat(check(workbook).problems()).singleElement().satisfies(p -> {
            assertThat(p.place()).isEqualTo("survey!E2");
            assertThat(p.message().get("en")).contains("reads ${q2}, which is asked later");
            assertThat(p.message().get("km")).contains("${q2}");
        });
    }

    @Test
    @DisplayName("a file that is not a workbook, or lacks the survey sheet, is refused with the reason and no stack trace")
    void notAWorkbook() {
        DraftCheck.Checked garbage = check("PK\u0003\u0004 not really a zip".getBytes());
        assertThat(garbage.formId()).isNull();
        assertThat(garbage.problems()).singleElement().satisfies(p -> {
            assertThat(p.message().get("en")).contains("could not be read as an Excel workbook").doesNotContain("Exception");
            assertThat(p.message().get("km")).isNotBlank();
        });
        DraftCheck.Checked noSurvey = check(Workbooks.create().sheet("settings", List.of(List.of("form_id", "version"),
                List.of("x", "1"))).bytes());
        assertThat(noSurvey.problems()).extracting(LocatedProblem::place).containsExactly("survey");
    }
}
