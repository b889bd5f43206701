package org.tonle.exports;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A cell as text in a CSV file. Numbers are written so that R, Stata and SPSS read back the same
 * double (the shortest decimal that does, never in exponent form). Text that a spreadsheet would
 * take for a formula, starting with {@code = + - @}, a tab or a carriage return, gets a leading
 * {@code '} as OWASP recommends for CSV injection; a number that starts with {@code -} is a number
 * and stays as it is.
 */
final class Cells {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Cells() {
    }

    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double d) {
            return number(d);
        }
        return neutralised(cell.toString());
    }

    static String number(double d) {
        if (d == 0) {
            return "0";
        }
        if (d == 1) {
            // most numeric cells are a select_multiple's 0/1 columns
            return "1";
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        return s.indexOf('E') < 0 ? s : BigDecimal.valueOf(d).toPlainString();
    }

    static String neutralised(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return risky && !NUMBER.matcher(s).matches() ? "'" + s : s;
    }
}
