package org.tonle.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.TestForms;

class AnswerValidatorTest {

    private static final Map<String, Form> FORMS = TestForms.load();
    private static final Form DL = FORMS.get("digital-literacy");
    private static final Form FIELD = FORMS.get("field-test");

    private static List<String> codes(AnswerValidator.Result r, String field) {
        return r.problems().stream().filter(p -> p.field().equals(field)).map(FieldProblem::code).toList();
    }

    @Test
    @DisplayName("valid answers are stored typed, with the server's calculations and nothing else")
    void validAnswers() {
        Map<String, Object> answers = SampleAnswers.digitalLiteracy();
        answers.put("age", "34");
        answers.put("age_group", "65+");
        answers.put("disability", "yes");
        AnswerValidator.Result r = AnswerValidator.validate(DL, answers);
        assertThat(r.problems()).isEmpty();
        assertThat(r.answers()).containsEntry("age", 34L).containsEntry("age_group", "25-34")
                .containsEntry("disability", "no").containsEntry("ict_skills", List.of("copy_paste", "send_attachment"));
    }

    @Test
    @DisplayName("a Washington Group answer of 'a lot of difficulty' makes the disability identifier yes")
    void disabilityIdentifier() {
        Map<String, Object> answers = SampleAnswers.digitalLiteracy();
        answers.put("wg_mobility", "some");
        assertThat(AnswerValidator.validate(DL, answers).answers()).containsEntry("disability", "no");
        answers.put("wg_communication", "cannot");
        assertThat(AnswerValidator.validate(DL, answers).answers()).containsEntry("disability", "yes");
    }

    @Test
    @DisplayName("Khmer digits are read as numbers wherever a number is expected")
    void khmerDigits() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("age", "៤៥");
        answers.put("household_size", "៥");
        answers.put("monthly_spend", "១២.៥");
        answers.put("interview_date", "២០២៦-១១-២៩");
        AnswerValidator.Result r = AnswerValidator.validate(FIELD, answers);
        assertThat(r.problems()).isEmpty();
        assertThat(r.answers()).containsEntry("age", 45L).containsEntry("household_size", 5L)
                .containsEntry("monthly_spend", 12.5).containsEntry("interview_date", "2026-11-29")
                .containsEntry("spend_per_person", 2.5).containsEntry("age_group", "45-54");
    }

    @Test
    @DisplayName("text is stored NFC-normalised")
    void nfc() {
        String decomposed = Normalizer.normalize("Café ភ្នំពេញ", Normalizer.Form.NFD);
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("comment", decomposed);
        Object stored = AnswerValidator.validate(FIELD, answers).answers().get("comment");
        assertThat(stored).isEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC)).isNotEqualTo(decomposed);
    }

    @Test
    @DisplayName("each kind of bad answer gets its own code, and nothing is kept")
    void everyCode() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.remove("household_size");
        answers.put("sex", "other");
        answers.put("age", 12);
        answers.put("monthly_spend", "a lot");
        answers.put("devices", List.of("none", "phone"));
        answers.put("surname", "Sok");
        answers.put("thanks", "hi");
        AnswerValidator.Result r = AnswerValidator.validate(FIELD, answers);
        assertThat(r.answers()).isEmpty();
        assertThat(codes(r, "household_size")).containsExactly("required");
        assertThat(codes(r, "sex")).containsExactly("choice");
        assertThat(codes(r, "age")).containsExactly("constraint");
        assertThat(codes(r, "monthly_spend")).containsExactly("type");
        assertThat(codes(r, "devices")).containsExactly("exclusive");
        assertThat(codes(r, "surname")).containsExactly("unknown_field");
        assertThat(codes(r, "thanks")).containsExactly("unknown_field");
        assertThat(r.problems().stream().filter(p -> p.field().equals("age")).findFirst().orElseThrow().message().get("km"))
                .contains("១៥");
    }

    @Test
    @DisplayName("an answer to a question that skip logic hides is refused as not_relevant")
    void notRelevant() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("devices", List.of("computer"));
        AnswerValidator.Result r = AnswerValidator.validate(FIELD, answers);
        assertThat(codes(r, "phone_brand")).containsExactly("not_relevant");
        answers.remove("phone_brand");
        assertThat(AnswerValidator.validate(FIELD, answers).problems()).isEmpty();
    }

    @Test
    @DisplayName("a required question inside a relevant group must be answered")
    void requiredInsideGroup() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.remove("phone_brand");
        assertThat(codes(AnswerValidator.validate(FIELD, answers), "phone_brand")).containsExactly("required");
    }

    @Test
    @DisplayName("without consent nothing else is looked at, and nothing can be stored")
    void consent() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("consent", "no");
        answers.put("sex", "other");
        AnswerValidator.Result r = AnswerValidator.validate(FIELD, answers);
        assertThat(r.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("consent", "consent"));
        assertThat(r.answers()).isEmpty();
    }

    @Test
    @DisplayName("numbers that are not whole are refused for an integer question, but 15.0 is 15")
    void integers() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("household_size", 2.5);
        assertThat(codes(AnswerValidator.validate(FIELD, answers), "household_size")).containsExactly("type");
        answers.put("household_size", 3.0);
        assertThat(AnswerValidator.validate(FIELD, answers).answers()).containsEntry("household_size", 3L);
    }

    @Test
    @DisplayName("a select_multiple answer may be a space-separated string, and is stored in choice order")
    void selectMultipleString() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("devices", "computer phone");
        assertThat(AnswerValidator.validate(FIELD, answers).answers()).containsEntry("devices", List.of("phone", "computer"));
    }

    @Test
    @DisplayName("over-long text and impossible dates are refused")
    void textAndDates() {
        Map<String, Object> answers = SampleAnswers.fieldTest();
        answers.put("comment", "ក".repeat(AnswerValidator.MAX_TEXT_LENGTH + 1));
        answers.put("interview_date", "2026-02-30");
        AnswerValidator.Result r = AnswerValidator.validate(FIELD, answers);
        assertThat(codes(r, "comment")).containsExactly("too_long");
        assertThat(codes(r, "interview_date")).containsExactly("type");
    }
}
