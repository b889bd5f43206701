package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tonle.expr.Values;
import org.tonle.forms.Choice;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;
import org.tonle.indicators.SampleDesign;

/**
 * One stored submission as one row of cells, in the order of {@link Columns}: numbers as
 * {@link Double}, everything else as text, null where there is nothing (an unanswered question,
 * every choice column of one). Choice answers are written as their codes or their labels in one
 * language; a restricted form's moments as dates only. Pure.
 */
final class Rows {

    /** Between the labels of a joined select_multiple: labels hold spaces, codes do not. */
    static final String LABEL_SEPARATOR = "; ";

    private final Columns columns;
    private final String lang;
    private final SampleDesign design;

    /** @param design the form's sample design, or null when it declares none */
    Rows(Columns columns, String lang, SampleDesign design) {
        this.columns = columns;
        this.lang = lang;
        this.design = design;
    }

    Object[] row(JsonObject stored) {
        List<Columns.Column> all = columns.all();
        Object[] cells = new Object[all.size()];
        JsonObject answers = stored.getJsonObject("answers", new JsonObject());
        Map<String, Object> values = answers(answers);
        SampleDesign.Unit unit = design == null ? new SampleDesign.Unit(SampleDesign.ONE_STRATUM, SampleDesign.OWN_PSU)
                : design.unit(values, stored.getJsonObject("design"));
        for (int i = 0; i < cells.length; i++) {
            Columns.Column c = all.get(i);
            cells[i] = switch (c.kind()) {
                case INSTANCE_ID -> stored.getString("instanceId");
                case FORM_VERSION -> stored.getString("formVersion");
                case COLLECTED_AT -> moment(stored.getValue("collectedAt"));
                case RECEIVED_AT -> moment(stored.getValue("receivedAt"));
                case WEIGHT -> stored.getValue("weight") instanceof Number n ? n.doubleValue() : 1.0;
                case SUBMITTED_BY -> stored.getJsonObject("submittedBy") == null ? null : stored.getJsonObject("submittedBy").getString("username");
                case REVIEW_STATE -> ReviewStates.of(stored);
                case STRATUM -> unit.stratum();
                case PSU -> unit.psu().equals(SampleDesign.OWN_PSU) ? "own:" + stored.getString("instanceId") : unit.psu();
                case HOUSEHOLD -> design == null ? null : design.household(values, stored.getJsonObject("design"));
                case ANSWER -> answer(c.question(), answers.getValue(c.question().name()));
                case CHOICE -> chosen(answers.getValue(c.question().name()), c.choice());
            };
        }
        return cells;
    }

    private Object answer(Question q, Object value) {
        if (value == null) {
            return null;
        }
        return switch (q.type()) {
            case INTEGER, DECIMAL -> value instanceof Number n ? (Object) n.doubleValue() : Values.string(value);
            case SELECT_ONE -> label(q, Values.string(value));
            case SELECT_MULTIPLE -> joined(q, value);
            default -> value instanceof Number n ? Values.formatNumber(n.doubleValue()) : Values.string(value);
        };
    }

    /** 1 if the choice was picked, 0 if the question was answered without it, nothing if it was not answered. */
    private static Object chosen(Object value, Choice choice) {
        if (!(value instanceof JsonArray picked)) {
            return null;
        }
        return picked.contains(choice.value()) ? 1.0 : 0.0;
    }

    private String joined(Question q, Object value) {
        if (!(value instanceof JsonArray picked)) {
            return Values.string(value);
        }
        List<String> parts = new ArrayList<>();
        picked.forEach(v -> parts.add(label(q, String.valueOf(v))));
        return String.join(lang.equals("values") ? " " : LABEL_SEPARATOR, parts);
    }

    private String label(Question q, String code) {
        if (lang.equals("values")) {
            return code;
        }
        Choice c = q.choice(code);
        return c == null ? code : Columns.labelOf(c.label(), lang);
    }

    /** An ISO-8601 moment as stored; only its date for a restricted form. */
    private String moment(Object stored) {
        Object v = stored instanceof JsonObject o && o.containsKey("$date") ? o.getValue("$date") : stored;
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v);
        return columns.form().restrictedExport() && s.length() >= 10 ? s.substring(0, 10) : s;
    }

    /** Stored answers as the expression language reads them: lists for select_multiple. */
    static Map<String, Object> answers(JsonObject stored) {
        Map<String, Object> answers = new HashMap<>();
        for (String name : stored.fieldNames()) {
            Object v = stored.getValue(name);
            answers.put(name, v instanceof JsonArray a ? a.getList() : v);
        }
        return answers;
    }
}
