package org.tonle.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tonle.expr.Expression;
import org.tonle.forms.Choice;
import org.tonle.forms.Question;
import org.tonle.forms.Text;

/**
 * What each column of an export means, in both languages: its label, its type, its values and
 * their labels, the skip logic under which it was asked and so who it was asked of (its universe).
 * The same rows make codebook.csv, the workbook's survey and choices sheets, and the value labels
 * of the Stata, SPSS and R files.
 */
final class Codebook {

    static final Text SELECTED = Text.of("Selected", "បានជ្រើសរើស");
    static final Text NOT_SELECTED = Text.of("Not selected", "មិនបានជ្រើសរើស");
    private static final Text EVERYONE = Text.of("All respondents", "អ្នកឆ្លើយទាំងអស់");

    /** One value a column can hold, with its label. */
    record Value(String code, Text label) {}

    /** One column: names, type, label, values, and the condition it was asked under ("" if always). */
    record Variable(Columns.Column column, String type, Text label, List<Value> values, String relevance, Text universe) {}

    private Codebook() {
    }

    static List<Variable> of(Columns columns) {
        List<Variable> all = new ArrayList<>();
        for (Columns.Column c : columns.all()) {
            String relevance = c.question() == null ? "" : relevance(c.question());
            Text universe = relevance.isEmpty() ? EVERYONE
                    : Text.of("Respondents for whom " + relevance, "អ្នកឆ្លើយដែល " + relevance);
            all.add(new Variable(c, type(c, columns), c.label(), values(c), relevance, universe));
        }
        return all;
    }

    private static String type(Columns.Column c, Columns columns) {
        return switch (c.kind()) {
            case WEIGHT -> "decimal";
            case COLLECTED_AT, RECEIVED_AT -> columns.form().restrictedExport() ? "date" : "datetime";
            case CHOICE -> "select_multiple choice (1 selected, 0 not)";
            case ANSWER -> c.question().type().code() + (c.question().type().hasChoices() ? " " + c.question().choiceListName() : "");
            default -> "text";
        };
    }

    private static List<Value> values(Columns.Column c) {
        if (c.kind() == Columns.Kind.CHOICE) {
            return List.of(new Value("1", SELECTED), new Value("0", NOT_SELECTED));
        }
        if (c.kind() != Columns.Kind.ANSWER || !c.question().type().hasChoices()) {
            return List.of();
        }
        List<Value> values = new ArrayList<>();
        for (Choice choice : c.question().choices()) {
            values.add(new Value(choice.value(), choice.label()));
        }
        return values;
    }

    /** Every skip-logic condition the question was asked under (its groups' and its own), joined with "and". */
    static String relevance(Question q) {
        List<Expression> all = q.relevance();
        if (all.size() == 1) {
            return all.get(0).source();
        }
        return all.stream().map(e -> "(" + e.source() + ")").collect(Collectors.joining(" and "));
    }

    /** codebook.csv: one row per variable, then one per value it can hold. */
    static List<List<String>> csvRows(List<Variable> variables) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variable", "name", "type", "label_en", "label_km", "value", "value_label_en", "value_label_km",
                "relevance", "universe_en", "universe_km"));
        for (Variable v : variables) {
            rows.add(row(v, "", null));
            v.values().forEach(value -> rows.add(row(v, value.code(), value.label())));
        }
        return rows;
    }

    private static List<String> row(Variable v, String value, Text valueLabel) {
        return List.of(v.column().variable(), v.column().name(), v.type(), Columns.labelOf(v.label(), "en"),
                Columns.labelOf(v.label(), "km"), value, Columns.labelOf(valueLabel, "en"), Columns.labelOf(valueLabel, "km"),
                v.relevance(), Columns.labelOf(v.universe(), "en"), Columns.labelOf(v.universe(), "km"));
    }
}
