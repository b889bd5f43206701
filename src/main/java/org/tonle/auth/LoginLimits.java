package org.tonle.auth;

import org.tonle.http.RateLimiter;

/**
 * How many passwords log-in checks, per window of 15 minutes. An attempt is counted before its
 * password is checked and given back if the password was right, so however many arrive at once,
 * no more than the limit are ever checked.
 *
 * <p>Three counts, each a ceiling:
 * <ul>
 * <li>per username and address, {@code perUserAndAddress} (TONLE_LOGIN_FAILURES): an address
 *     that guesses wrong is stopped for that user, but the user can still log in from elsewhere,
 *     so one address cannot lock anyone out;</li>
 * <li>per username from all addresses, {@link #USER_CEILING} times that: many addresses together
 *     still get only so many guesses at one password. Locking a user out takes that many wrong
 *     guesses from at least {@link #USER_CEILING} addresses;</li>
 * <li>per address over all usernames, {@link #ADDRESS_CEILING} times that: one address cannot
 *     try a password on every username.</li>
 * </ul>
 */
final class LoginLimits {

    static final int USER_CEILING = 20;
    static final int ADDRESS_CEILING = 6;
    private static final long WINDOW_MILLIS = 15 * 60 * 1000;

    private final RateLimiter byUserAndAddress;
    private final RateLimiter byUser;
    private final RateLimiter byAddress;

    LoginLimits(int perUserAndAddress) {
        this.byUserAndAddress = new RateLimiter(perUserAndAddress, WINDOW_MILLIS);
        this.byUser = new RateLimiter(perUserAndAddress * USER_CEILING, WINDOW_MILLIS);
        this.byAddress = new RateLimiter(perUserAndAddress * ADDRESS_CEILING, WINDOW_MILLIS);
    }

    /** Counts one attempt on every limit, or on none when any of them is used up (then says how long to wait). */
    RateLimiter.Decision reserve(String user, String address) {
        RateLimiter.Decision perAddress = byAddress.acquire(address);
        if (!perAddress.allowed()) {
            return perAddress;
        }
        RateLimiter.Decision perUser = byUser.acquire(user);
        if (!perUser.allowed()) {
            byAddress.release(address);
            return perUser;
        }
        RateLimiter.Decision pair = byUserAndAddress.acquire(pairKey(user, address));
        if (!pair.allowed()) {
            byUser.release(user);
            byAddress.release(address);
        }
        return pair;
    }

    /** The password was right: the attempt does not count, and this address starts afresh for this user. */
    void succeeded(String user, String address) {
        byAddress.release(address);
        byUser.release(user);
        byUserAndAddress.forget(pairKey(user, address));
    }

    /** The password could not be checked (the store did not answer): the attempt does not count. */
    void notChecked(String user, String address) {
        byAddress.release(address);
        byUser.release(user);
        byUserAndAddress.release(pairKey(user, address));
    }

    private static String pairKey(String user, String address) {
        return user + '\n' + address;
    }
}
