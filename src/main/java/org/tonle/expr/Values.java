package org.tonle.expr;

import java.util.List;

/**
 * The value semantics of the expression language, shared with the browser evaluator.
 * A value is null (unanswered), a Boolean, a Double, a String, or a List of strings (select_multiple).
 */
public final class Values {

    private Values() {
    }

    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return !v.toString().isEmpty();
    }

    /** Numbers as they are, numeric strings parsed, booleans 1/0; anything else is NaN. */
    public static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The text of a value: null is empty, whole numbers have no decimal point, lists are space-separated. */
    public static String string(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            return formatNumber(n.doubleValue());
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object item : l) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(item);
            }
            return sb.toString();
        }
        return v.toString();
    }

    public static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static boolean isNaN(Object v) {
        return v instanceof Number n && Double.isNaN(n.doubleValue());
    }

    /** Equality: booleans by truth; NaN equals nothing; numbers numerically when both sides read as numbers; else by text. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Boolean || b instanceof Boolean) {
            return truthy(a) == truthy(b);
        }
        if (isNaN(a) || isNaN(b)) {
            return false;
        }
        if (a instanceof Number || b instanceof Number) {
            double x = number(a);
            double y = number(b);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                return x == y;
            }
        }
        return string(a).equals(string(b));
    }
}
