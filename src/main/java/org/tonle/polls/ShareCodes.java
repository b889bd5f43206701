package org.tonle.polls;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Short poll codes people can read aloud and type: 8 characters from an alphabet without the look-alikes
 * 0/O, 1/I/L (31 symbols, about 40 bits, so codes cannot be guessed by walking through them).
 */
final class ShareCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 8;
    private static final Pattern VALID = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareCodes() {
    }

    static String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed, upper-cased; null when it cannot be a code. */
    static String normalise(String typed) {
        String code = typed == null ? "" : typed.trim().toUpperCase(Locale.ROOT);
        return VALID.matcher(code).matches() ? code : null;
    }
}
