package org.tonle.forms;

/**
 * What text may hold, wherever people's text enters: no control characters other than tab and
 * line breaks (a NUL ends strings in C tools and logs), and no lone UTF-16 surrogates (broken
 * Unicode, which UTF-8 cannot encode and which databases and exports replace or reject).
 * Also how text a client sent is echoed back in an error: short and printable.
 */
public final class CleanText {

    private static final int SHOWN = 64;

    private CleanText() {
    }

    public static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} as it may be echoed: controls and lone surrogates as '?', at most 64 characters. */
    public static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < SHOWN; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '?' : c);
            }
        }
        return sb.length() < s.length() ? sb.append('…').toString() : sb.toString();
    }
}
