package org.tonle.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (OWASP's minimum: 19 MiB, 2 iterations, 1 lane), via password4j.
 * Hashing is deliberately slow: call these on a worker thread, never on an event loop.
 */
final class Passwords {

    static final int MIN_LENGTH = 10;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);

    /** Verified against when the username is unknown, so the answer takes as long as for a known one. */
    private static final String DECOY = hash("decoy password that nobody has");

    private Passwords() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static boolean verify(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    static void verifyDecoy(String password) {
        verify(password, DECOY);
    }
}
