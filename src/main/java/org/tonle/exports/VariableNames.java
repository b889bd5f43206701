package org.tonle.exports;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Column names that R, Stata and SPSS all accept as variable names: a letter first (SPSS refuses
 * a leading underscore, which KoBo's {@code _id} and {@code _uuid} columns run into), then letters,
 * digits and underscores, no trailing underscore (SPSS reserves those), at most 32 characters (Stata),
 * none of the three tools' reserved words, and unique ignoring case (SPSS ignores it).
 * Names are handed out in order: the first to ask keeps the plain name.
 */
final class VariableNames {

    static final int MAX = 32;
    private static final Set<String> RESERVED = Set.of(
            // SPSS
            "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
            // Stata
            "byte", "double", "float", "if", "in", "int", "long", "strl", "using",
            // R
            "else", "repeat", "while", "function", "for", "next", "break", "true", "false", "null", "inf", "nan", "na");

    private final Set<String> taken = new HashSet<>();

    /** A name for {@code wanted} valid in all three tools and not given out before. */
    String name(String wanted) {
        String base = clean(wanted);
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "_" + n;
            name = base.substring(0, Math.min(base.length(), MAX - suffix.length())).replaceAll("_+$", "") + suffix;
        }
        return name;
    }

    static String clean(String wanted) {
        StringBuilder sb = new StringBuilder();
        for (char c : wanted.toCharArray()) {
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        String s = sb.toString().replaceAll("_+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "v" + (s.startsWith("_") ? "" : "_") + s;
        }
        if (RESERVED.contains(s.toLowerCase(Locale.ROOT)) || isStataType(s)) {
            s = "v_" + s;
        }
        return s.length() > MAX ? s.substring(0, MAX).replaceAll("_+$", "") : s;
    }

    /** Stata's string types str1 … str2045 are reserved. */
    private static boolean isStataType(String s) {
        return s.toLowerCase(Locale.ROOT).matches("str[0-9]+");
    }
}
