package org.tonle.exports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.forms.Choice;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;
import org.tonle.forms.Text;

/**
 * The columns of an export, in order: who and when (meta), where in the sample design, then every
 * question in form order, a select_multiple either as one column or as one 0/1 column per choice.
 * Each column has its plain name ({@code question}, {@code question/choice}) and a variable name
 * that R, Stata and SPSS accept ({@link VariableNames}). A form with a restricted export (children's
 * data) has no free-text questions and no interviewer.
 */
final class Columns {

    enum Kind {
        INSTANCE_ID("instanceId", "Submission id, made on the phone", "លេខសម្គាល់ការបញ្ជូន ដែលបង្កើតនៅលើទូរស័ព្ទ"),
        FORM_VERSION("formVersion", "Version of the form the interview was made with", "កំណែទម្រង់បែបបទដែលប្រើក្នុងការសម្ភាសន៍"),
        COLLECTED_AT("collectedAt", "When the interview was made", "ពេលដែលការសម្ភាសន៍ត្រូវបានធ្វើ"),
        RECEIVED_AT("receivedAt", "When the server received it", "ពេលដែលម៉ាស៊ីនមេបានទទួល"),
        WEIGHT("weight", "Survey design weight", "ទម្ងន់នៃការរចនាគំរូ"),
        SUBMITTED_BY("submittedBy", "Interviewer: the account that sent it", "អ្នកសម្ភាសន៍៖ គណនីដែលបានផ្ញើ"),
        REVIEW_STATE("reviewState", "Review state", "ស្ថានភាពនៃការត្រួតពិនិត្យ"),
        STRATUM("stratum", "Sampling stratum, as the server computes it", "ស្រទាប់គំរូ ដូចដែលម៉ាស៊ីនមេគណនា"),
        PSU("psu", "Primary sampling unit (village); own:… a respondent who is their own unit",
                "ឯកតាគំរូបឋម (ភូមិ)៖ own:… អ្នកឆ្លើយដែលជាឯកតាផ្ទាល់ខ្លួន"),
        HOUSEHOLD("household", "Household, as the server computes it (empty: a household of one)",
                "គ្រួសារ ដូចដែលម៉ាស៊ីនមេគណនា (ទទេ៖ គ្រួសារមានមនុស្សម្នាក់)"),
        ANSWER(null, null, null),
        CHOICE(null, null, null);

        final String name;
        final Text label;

        Kind(String name, String en, String km) {
            this.name = name;
            this.label = en == null ? null : Text.of(en, km);
        }
    }

    /** One column: its kind, plain name, variable name, and for answers the question (and the choice of a split column). */
    record Column(Kind kind, String name, String variable, Question question, Choice choice) {
        Text label() {
            if (kind == Kind.CHOICE) {
                return Text.of(labelOf(question.label(), "en") + ": " + labelOf(choice.label(), "en"),
                        labelOf(question.label(), "km") + "៖ " + labelOf(choice.label(), "km"));
            }
            return kind == Kind.ANSWER ? question.label() : kind.label;
        }

        boolean numeric() {
            return kind == Kind.WEIGHT || kind == Kind.CHOICE || kind == Kind.ANSWER
                    && (question.type() == QuestionType.INTEGER || question.type() == QuestionType.DECIMAL);
        }
    }

    private final List<Column> all;
    private final Form form;
    private final boolean split;

    private Columns(List<Column> all, Form form, boolean split) {
        this.all = List.copyOf(all);
        this.form = form;
        this.split = split;
    }

    /** The columns of {@code form}, with the questions that only {@code older} versions have appended after its own. */
    static Columns of(Form form, List<Form> older, boolean split) {
        Map<String, Question> questions = questions(form, older);
        VariableNames names = new VariableNames();
        List<Column> answers = new ArrayList<>();
        for (Question q : questions.values()) {
            if (q.type() == QuestionType.NOTE || form.restrictedExport() && q.type() == QuestionType.TEXT) {
                continue;
            }
            if (split && q.type() == QuestionType.SELECT_MULTIPLE) {
                for (Choice c : q.choices()) {
                    answers.add(new Column(Kind.CHOICE, q.name() + "/" + c.value(), names.name(q.name() + "_" + c.value()), q, c));
                }
            } else {
                answers.add(new Column(Kind.ANSWER, q.name(), names.name(q.name()), q, null));
            }
        }
        List<Column> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.name != null && !(kind == Kind.SUBMITTED_BY && form.restrictedExport())) {
                // a question of the same name keeps its name: the meta column moves aside
                String name = questions.containsKey(kind.name) ? "tonle_" + kind.name : kind.name;
                all.add(new Column(kind, name, names.name(name), null, null));
            }
        }
        all.addAll(answers);
        return new Columns(all, form, split);
    }

    /** Questions by name in form order; those of older versions only after, each with every choice any version had. */
    private static Map<String, Question> questions(Form form, List<Form> older) {
        Map<String, Question> byName = new LinkedHashMap<>();
        form.questions().forEach(q -> byName.put(q.name(), q));
        for (Form f : older) {
            for (Question q : f.questions()) {
                Question known = byName.get(q.name());
                if (known == null) {
                    byName.put(q.name(), q);
                } else if (known.type() == q.type() && known.type().hasChoices()) {
                    byName.put(q.name(), withChoicesOf(known, q));
                }
            }
        }
        return byName;
    }

    private static Question withChoicesOf(Question q, Question other) {
        List<Choice> choices = new ArrayList<>(q.choices());
        for (Choice c : other.choices()) {
            if (q.choice(c.value()) == null) {
                choices.add(c);
            }
        }
        return choices.size() == q.choices().size() ? q : new Question(q.name(), q.type(), q.label(), q.hint(), q.required(),
                q.relevance(), q.constraint(), q.constraintMessage(), q.calculation(), q.choiceListName(), choices, q.consent(),
                q.sensitive());
    }

    List<Column> all() {
        return all;
    }

    Form form() {
        return form;
    }

    boolean split() {
        return split;
    }

    /** The column of a meta or design kind, or null when the form has none (submittedBy of a restricted form). */
    Column of(Kind kind) {
        return all.stream().filter(c -> c.kind() == kind).findFirst().orElse(null);
    }

    /** The columns of a question: one, or one per choice when split. */
    List<Column> ofQuestion(String name) {
        return all.stream().filter(c -> c.question() != null && c.question().name().equals(name)).toList();
    }

    static String labelOf(Text text, String lang) {
        if (text == null) {
            return "";
        }
        String s = text.get(lang);
        return s != null ? s : text.get("en") != null ? text.get("en") : "";
    }
}
