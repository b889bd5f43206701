package org.tonle.exports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tonle.forms.Choice;
import org.tonle.forms.Form;
import org.tonle.forms.Question;
import org.tonle.forms.Text;
import org.tonle.indicators.Cell;
import org.tonle.indicators.Estimate;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorCatalog;
import org.tonle.indicators.Score;

/** The rows of an indicator table (see {@link IndicatorTables}): a header, then one row per published cell. Pure. */
final class IndicatorRows {

    static final List<String> HEADER = List.of("indicator", "title_en", "title_km", "form", "category", "theme", "unit", "breakdown",
            "dimension_1", "value_1", "label_1_en", "label_1_km", "dimension_2", "value_2", "label_2_en", "label_2_km",
            "value", "se", "ci_low", "ci_high", "n", "weighted_n", "n_eff", "deff", "df", "cv", "flag", "suppressed", "reason");

    private IndicatorRows() {
    }

    static List<List<Object>> of(List<Score> scores, IndicatorCatalog catalog, java.util.function.Function<String, Form> forms) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(HEADER));
        for (Score s : scores) {
            List<Cell> cells = s.by().isEmpty() ? List.of(s.national()) : s.cells();
            String formId = formOf(catalog, s.indicator());
            Form form = forms.apply(formId);
            for (Cell c : cells) {
                rows.add(row(s, c, formId, form));
            }
        }
        return rows;
    }

    private static List<Object> row(Score s, Cell c, String formId, Form form) {
        Indicator i = s.indicator();
        List<Object> row = new ArrayList<>(Arrays.asList(i.id(), Columns.labelOf(i.title(), "en"), Columns.labelOf(i.title(), "km"),
                formId, i.category(), i.theme(), i.unit().code(), String.join(",", s.by())));
        for (int d = 0; d < 2; d++) {
            String dim = d < s.by().size() ? s.by().get(d) : null;
            String value = dim == null ? null : c.key().get(dim);
            Text label = dim == null ? null : label(form, dim, value);
            row.addAll(Arrays.asList(dim, value, label == null ? null : Columns.labelOf(label, "en"), label == null ? null
                    : Columns.labelOf(label, "km")));
        }
        if (c.suppressed()) {
            row.addAll(Arrays.asList(null, null, null, null, null, null, null, null, null, null, null, "true",
                    c.suppressedBecause().code()));
            return row;
        }
        Estimate e = c.estimate();
        row.addAll(Arrays.asList(e.value(), e.se(), e.lo(), e.hi(), (double) e.n(), e.weightedN(), e.nEff(), e.deff(),
                e.df() == null ? null : (double) e.df(), e.cv(), c.flag() == null ? null : c.flag().code(), "false", null));
        return row;
    }

    /** A group's label from the question that defines it (a province's name); the code itself where there is none. */
    private static Text label(Form form, String dimension, String value) {
        Question q = form == null ? null : form.question(dimension);
        Choice choice = q == null ? null : q.choice(value);
        return choice == null ? Text.of(value, value) : choice.label();
    }

    /** The form an indicator's numbers come from (its base's, for a ratio or difference); "" when several. */
    static String formOf(IndicatorCatalog catalog, Indicator i) {
        Indicator measured = i.kind().derived() ? catalog.get(i.comparison().of()) : i;
        return measured.forms().size() == 1 ? measured.forms().iterator().next() : "";
    }

    static double[] widths() {
        double[] widths = new double[HEADER.size()];
        Arrays.fill(widths, 12);
        widths[0] = 28;
        widths[1] = 50;
        widths[2] = 50;
        widths[3] = 18;
        widths[7] = 18;
        return widths;
    }
}
