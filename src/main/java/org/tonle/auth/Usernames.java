package org.tonle.auth;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Usernames may be Khmer or Latin. They are shown NFC-normalised as typed; looked up by their key
 * (NFKC with case folded, so a full-width {@code ａｄｍｉｎ} is {@code admin}); and kept apart by
 * their skeleton (Unicode's confusables, UTS #39), so no two accounts can have names that look
 * the same, such as {@code admin} and {@code аdmin} with a Cyrillic а.
 */
final class Usernames {

    /** Letters (Khmer included), combining marks (Khmer vowel signs), digits, dot, dash, underscore. */
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}._-]{2,64}");
    private static final Normalizer2 NFKC_CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();
    /** Immutable once built, so one instance serves every thread. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    private Usernames() {
    }

    static String display(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    }

    static String key(String raw) {
        return NFKC_CASE_FOLD.normalize(raw.strip());
    }

    /** Equal for names that look alike: the key's confusables skeleton. */
    static String skeleton(String raw) {
        return CONFUSABLES.getSkeleton(key(raw));
    }

    static boolean valid(String raw) {
        return VALID.matcher(display(raw)).matches();
    }
}
