package org.tonle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tonle.expr.Expression;
import org.tonle.forms.Form;
import org.tonle.forms.FormDefinitionException;
import org.tonle.forms.IndicatorView;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorCatalog;
import org.tonle.indicators.IndicatorLoader;

/**
 * What the forms feature sees of the indicators (wiring between the two: the indicators read the
 * forms, so the forms reach the indicators only through {@link IndicatorView}).
 */
final class FormIndicators implements IndicatorView {

    private final IndicatorCatalog catalog;

    FormIndicators(IndicatorCatalog catalog) {
        this.catalog = catalog;
    }

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
        List<Use> uses = new ArrayList<>();
        for (Indicator i : catalog.all()) {
            if (i.forms().contains(formId)) {
                uses.add(new Use(i.id(), questions(i.comparison() == null ? i : catalog.get(i.comparison().of()))));
            }
        }
        return uses;
    }

    /** The questions an indicator reads: in its expressions, and the dimensions it is broken down by. */
    private static Set<String> questions(Indicator i) {
        Set<String> names = new LinkedHashSet<>();
        for (Expression e : new Expression[] {i.universe(), i.denominator(), i.numerator(), i.value()}) {
            if (e != null) {
                names.addAll(e.references());
            }
        }
        i.disaggregations().forEach(names::addAll);
        return names;
    }
}
