package org.tonle.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The order of version strings as authors write them: dates ("2026-11-29"), numbers ("3",
 * "2026120501") or dotted numbers ("1.10"). Runs of digits compare as numbers, anything else as
 * text, piece by piece; a version that is the start of another comes first. A version string is
 * 1 to 64 letters, digits, '.', '-' and '_'.
 */
public final class VersionOrder {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private VersionOrder() {
    }

    /** Negative when {@code a} is older than {@code b}, zero when they are the same version, positive when newer. */
    public static int compare(String a, String b) {
        List<String> left = pieces(a);
        List<String> right = pieces(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = comparePiece(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    public static boolean isNewer(String candidate, String than) {
        return compare(candidate, than) > 0;
    }

    private static int comparePiece(String a, String b) {
        boolean digitsA = Character.isDigit(a.charAt(0));
        boolean digitsB = Character.isDigit(b.charAt(0));
        if (digitsA && digitsB) {
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        if (digitsA != digitsB) {
            return digitsA ? 1 : -1; // a number outranks a word in the same place
        }
        return a.compareTo(b);
    }

    private static List<String> pieces(String version) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            boolean digit = Character.isDigit(c);
            if (c == '.' || c == '-' || c == '_') {
                flush(pieces, current);
            } else {
                if (current.length() > 0 && Character.isDigit(current.charAt(0)) != digit) {
                    flush(pieces, current);
                }
                current.append(c);
            }
        }
        flush(pieces, current);
        return pieces;
    }

    private static void flush(List<String> pieces, StringBuilder current) {
        if (current.length() > 0) {
            pieces.add(current.toString());
            current.setLength(0);
        }
    }
}
