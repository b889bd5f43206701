package org.tonle.auth;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames may be Khmer or Latin; they are compared NFC-normalised and without case. */
final class Usernames {

    /** Letters (Khmer included), combining marks (Khmer vowel signs), digits, dot, dash, underscore. */
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}._-]{2,64}");

    private Usernames() {
    }

    static String display(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    }

    static String key(String raw) {
        return display(raw).toLowerCase(Locale.ROOT);
    }

    static boolean valid(String raw) {
        return VALID.matcher(display(raw)).matches();
    }
}
