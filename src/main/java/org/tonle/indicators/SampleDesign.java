package org.tonle.indicators;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.tonle.expr.Evaluator;
import org.tonle.expr.Expression;
import org.tonle.expr.Values;

/**
 * How a form's respondents were sampled, as its definition declares it ({@code design:}): the
 * stratum and the primary sampling unit (PSU) of each respondent, and their household, each an
 * expression over the answers. A respondent whose PSU is not known is taken as its own PSU.
 * A submission from a sampling frame may carry its own values ({@code design} in the envelope).
 */
public record SampleDesign(Expression stratum, Expression psu, Expression household) {

    /** The stratum key when a form declares no strata: the whole sample is one stratum. */
    public static final String ONE_STRATUM = "*";
    /** The PSU key of the respondents that are each their own PSU. */
    public static final String OWN_PSU = "*";

    /** Where one respondent sits in the design. */
    public record Unit(String stratum, String psu) {
    }

    /** This respondent's stratum and PSU; values that cannot be part of a table key count as unknown. */
    public Unit unit(Map<String, Object> answers, JsonObject given) {
        Evaluator.Scope scope = answers::get;
        String s = value(given, "stratum", stratum, scope);
        String p = value(given, "psu", psu, scope);
        return new Unit(s == null ? ONE_STRATUM : s, p == null ? OWN_PSU : p);
    }

    /** The respondent's household, or null. */
    public String household(Map<String, Object> answers, JsonObject given) {
        return value(given, "household", household, answers::get);
    }

    private static String value(JsonObject given, String key, Expression expression, Evaluator.Scope scope) {
        Object raw = given != null && given.getValue(key) != null ? given.getValue(key)
                : expression == null ? null : expression.evaluate(scope);
        String v = raw == null ? null : Values.string(raw);
        return v == null || !Tables.usableValue(v) || v.equals(ONE_STRATUM) ? null : v;
    }
}
