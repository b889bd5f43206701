package org.tonle.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.RateLimiter;
import org.tonle.store.DuplicateKeys;

/**
 * Accounts: the first admin, logging in, and the admin's changes. Password hashing runs on worker
 * threads. A request's account is read from the store and kept for a few seconds, so a disabled
 * account or a changed password stops working on this process at once and on others within
 * {@link #CACHE_MILLIS}.
 */
public final class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    static final long CACHE_MILLIS = 5_000;
    private static final long LOGIN_WINDOW_MILLIS = 15 * 60 * 1000;

    private record Cached(Account account, long readAt) {}

    private final Vertx vertx;
    private final AccountStore store;
    private final Tokens tokens;
    private final RateLimiter failuresByUser;
    private final RateLimiter failuresByAddress;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Accounts(Vertx vertx, AccountStore store, Tokens tokens, int loginFailures) {
        this.vertx = vertx;
        this.store = store;
        this.tokens = tokens;
        this.failuresByUser = new RateLimiter(loginFailures, LOGIN_WINDOW_MILLIS);
        this.failuresByAddress = new RateLimiter(loginFailures * 6, LOGIN_WINDOW_MILLIS);
    }

    /**
     * On an empty store, creates the admin account with the configured password, or with a random
     * one printed once to the console. Changes nothing when any account exists.
     */
    public Future<Void> ensureFirstAdmin(Optional<String> configuredPassword) {
        return store.ensureIndexes().compose(v -> store.count()).compose(count -> {
            if (count > 0) {
                return Future.succeededFuture();
            }
            String password = configuredPassword.orElseGet(Accounts::randomPassword);
            return create("admin", password, Role.ADMIN, Set.of()).<Void>map(created -> {
                if (configuredPassword.isEmpty()) {
                    // printed, not logged: a log file may be shipped elsewhere
                    System.out.println("Tonle: created user 'admin' with password " + password
                            + "  (shown once; change it with PATCH /api/v1/users/{id})");
                } else {
                    log.info("created user 'admin' with the password from TONLE_ADMIN_PASSWORD");
                }
                return null;
            }).recover(e -> DuplicateKeys.isDuplicate(e) ? Future.succeededFuture() : Future.failedFuture(e));
        });
    }

    /** A token for the right username and password; the same failure, after the same work, otherwise. */
    public Future<LoginResult> login(String username, String password, String address) {
        String key = Usernames.key(username);
        RateLimiter.Decision byUser = failuresByUser.check(key);
        RateLimiter.Decision byAddress = failuresByAddress.check(address);
        if (!byUser.allowed() || !byAddress.allowed()) {
            long wait = Math.max(byUser.retryAfterSeconds(), byAddress.retryAfterSeconds());
            return Future.failedFuture(Problem.of(ProblemCode.RATE_LIMITED, "retryAfter", String.valueOf(wait)));
        }
        return store.byKey(key).compose(account -> vertx.executeBlocking(() -> {
            if (account == null || account.disabled()) {
                Passwords.verifyDecoy(password);
                return null;
            }
            return Passwords.verify(password, account.passwordHash()) ? account : null;
        }, false)).compose(account -> {
            if (account == null) {
                failuresByUser.record(key);
                failuresByAddress.record(address);
                return Future.failedFuture(Problem.of(ProblemCode.AUTH_BAD_CREDENTIALS));
            }
            failuresByUser.forget(key);
            Tokens.Issued issued = tokens.forUser(account);
            return Future.succeededFuture(new LoginResult(account, issued));
        });
    }

    public record LoginResult(Account account, Tokens.Issued token) {}

    /** The current account behind a user token, or a failed future when the token or account is not good. */
    public Future<Principal> authenticate(String token) {
        return tokens.verify(token, "user").compose(claims -> current(claims.getString("sub")).compose(account -> {
            if (account == null || account.disabled() || account.tokenVersion() != claims.getInteger("ver", -1)) {
                return Future.failedFuture("account gone, disabled or changed");
            }
            return Future.succeededFuture(Principal.of(account));
        }));
    }

    public Future<Account> create(String username, String password, Role role, Set<String> forms) {
        return vertx.executeBlocking(() -> Passwords.hash(password), false).compose(hash -> {
            Account account = new Account(new ObjectId().toHexString(), Usernames.display(username), Usernames.key(username),
                    role, hash, false, forms, 0);
            return store.insert(account).map(account);
        });
    }

    public Future<java.util.List<Account>> all() {
        return store.all();
    }

    public Future<Account> find(String id) {
        return store.byId(id);
    }

    /** Applies a change made from the current stored account; bumps the token version so old tokens stop. */
    public Future<Account> update(String id, Change change) {
        return store.byId(id).compose(current -> {
            if (current == null) {
                return Future.failedFuture(Problem.of(ProblemCode.USER_NOT_FOUND, "id", id));
            }
            Future<String> hash = change.password() == null
                    ? Future.succeededFuture(current.passwordHash())
                    : vertx.executeBlocking(() -> Passwords.hash(change.password()), false);
            return hash.compose(h -> {
                Account updated = new Account(current.id(), current.username(), current.key(),
                        change.role() == null ? current.role() : change.role(), h,
                        change.disabled() == null ? current.disabled() : change.disabled(),
                        change.forms() == null ? current.forms() : change.forms(),
                        current.tokenVersion() + (change.revokesTokens() ? 1 : 0));
                return store.replace(updated, current.tokenVersion()).compose(replaced -> {
                    cache.remove(id);
                    return replaced ? Future.succeededFuture(updated) : update(id, change);
                });
            });
        });
    }

    /** What an admin may change; null means "leave as it is". */
    public record Change(Role role, Boolean disabled, String password, Set<String> forms) {
        boolean revokesTokens() {
            return role != null || disabled != null || password != null;
        }
    }

    private Future<Account> current(String id) {
        Cached cached = cache.get(id);
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.readAt() < CACHE_MILLIS) {
            return Future.succeededFuture(cached.account());
        }
        return store.byId(id).onSuccess(account -> {
            if (account != null) {
                cache.put(id, new Cached(account, now));
            } else {
                cache.remove(id);
            }
        });
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
