package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tonle.expr.Values;
import org.tonle.forms.Choice;
import org.tonle.forms.Question;
import org.tonle.indicators.SampleDesign;

/**
 * One stored submission as one row of cells, in the order of {@link Columns}: numbers as
 * {@link Double}, everything else as text, null where there is nothing (an unanswered question,
 * every choice column of one). Choice answers are written as their codes or their labels in one
 * language; a restricted form's moments as dates only. Pure.
 */
final class Rows {

    /** A split column's values, made once: most numbers of a row are these. */
    private static final Double PICKED = 1.0;
    private static final Double NOT_PICKED = 0.0;
    /** Between the labels of a joined select_multiple: labels hold spaces, codes do not. */
    static final String LABEL_SEPARATOR = "; ";

    private final Columns columns;
    private final String lang;
    private final SampleDesign design;
    private final Object[] lastMoment = new Object[2];
    private final String[] lastText = new String[2];

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
        Map<String, Object> values = scope(answers);
        SampleDesign.Unit unit = design == null ? new SampleDesign.Unit(SampleDesign.ONE_STRATUM, SampleDesign.OWN_PSU)
                : design.unit(values, stored.getJsonObject("design"));
        Question split = null; // the select_multiple whose 0/1 columns are being filled, and its answer
        Object picked = null;
        for (int i = 0; i < cells.length; i++) {
            Columns.Column c = all.get(i);
            if (c.kind() == Columns.Kind.CHOICE && c.question() != split) {
                split = c.question();
                picked = answers.getValue(split.name());
            }
            cells[i] = switch (c.kind()) {
                case INSTANCE_ID -> stored.getString("instanceId");
                case FORM_VERSION -> stored.getString("formVersion");
                case COLLECTED_AT -> moment(0, stored.getMap().get("collectedAt"));
                case RECEIVED_AT -> moment(1, stored.getMap().get("receivedAt"));
                case WEIGHT -> stored.getValue("weight") instanceof Number n ? n.doubleValue() : 1.0;
                case SUBMITTED_BY -> stored.getJsonObject("submittedBy") == null ? null : stored.getJsonObject("submittedBy").getString("username");
                case REVIEW_STATE -> ReviewStates.of(stored);
                case STRATUM -> unit.stratum();
                case PSU -> unit.psu().equals(SampleDesign.OWN_PSU) ? "own:" + stored.getString("instanceId") : unit.psu();
                case HOUSEHOLD -> design == null ? null : design.household(values, stored.getJsonObject("design"));
                case ANSWER -> answer(c.question(), answers.getValue(c.question().name()));
                case CHOICE -> chosen(picked, c.choice());
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
        return picked.contains(choice.value()) ? PICKED : NOT_PICKED;
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

    /**
     * An ISO-8601 moment as stored ({@code {"$date": …}} through the driver, an Instant read in
     * this process); only its date for a restricted form. The last one written in each column is
     * kept: a batch's submissions share their receivedAt, and formatting a moment is not free.
     */
    private String moment(int column, Object stored) {
        Object v = stored instanceof JsonObject o ? o.getValue("$date") : stored instanceof Map<?, ?> m ? m.get("$date") : stored;
        if (v == null) {
            return null;
        }
        if (v.equals(lastMoment[column])) {
            return lastText[column];
        }
        String s = v.toString();
        lastMoment[column] = v;
        lastText[column] = columns.form().restrictedExport() && s.length() >= 10 ? s.substring(0, 10) : s;
        return lastText[column];
    }

    /**
     * Stored answers as the expression language reads them (lists for select_multiple), for the
     * design's expressions, which only look answers up: a view, not a copy made for every row.
     */
    static Map<String, Object> scope(JsonObject stored) {
        Map<String, Object> raw = stored.getMap();
        return new java.util.AbstractMap<>() {
            @Override
            public Object get(Object name) {
                Object v = raw.get(name);
                return v instanceof JsonArray a ? a.getList() : v;
            }

            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                throw new UnsupportedOperationException("answers are only looked up by name");
            }
        };
    }
}
