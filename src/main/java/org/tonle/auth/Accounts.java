package org.tonle.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
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

    private record Cached(Account account, long readAt) {}

    private final Vertx vertx;
    private final AccountStore store;
    private final Tokens tokens;
    private final LoginLimits limits;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Accounts(Vertx vertx, AccountStore store, Tokens tokens, int loginFailures) {
        this.vertx = vertx;
        this.store = store;
        this.tokens = tokens;
        this.limits = new LoginLimits(loginFailures);
    }

    /** Indexes, and skeletons for accounts stored before there were any: before the server takes requests. */
    public Future<Void> prepare() {
        return store.ensureIndexes();
    }

    /**
     * On an empty store, creates the admin account with the configured password, or with a random
     * one printed once to the console. Changes nothing when any account exists. Called once the
     * server listens, so a start that fails cannot use up the one printed password.
     */
    public Future<Void> ensureFirstAdmin(Optional<String> configuredPassword) {
        return store.count().compose(count -> {
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

    /**
     * A token for the right username and password; the same failure, after the same work, otherwise.
     * The attempt is counted before the password is checked (see {@link LoginLimits}), under the
     * name's skeleton, so look-alike spellings share one count.
     */
    public Future<LoginResult> login(String username, String password, String address) {
        String skeleton = Usernames.skeleton(username);
        RateLimiter.Decision decision = limits.reserve(skeleton, address);
        if (!decision.allowed()) {
            return Future.failedFuture(Problem.of(ProblemCode.RATE_LIMITED, "retryAfter", String.valueOf(decision.retryAfterSeconds())));
        }
        return store.byKey(Usernames.key(username)).compose(account -> vertx.executeBlocking(() -> {
            if (account == null || account.disabled()) {
                Passwords.verifyDecoy(password);
                return null;
            }
            return Passwords.verify(password, account.passwordHash()) ? account : null;
        }, false)).transform(checked -> {
            if (checked.failed()) {
                limits.notChecked(skeleton, address);
                return Future.failedFuture(checked.cause());
            }
            if (checked.result() == null) {
                return Future.failedFuture(Problem.of(ProblemCode.AUTH_BAD_CREDENTIALS));
            }
            limits.succeeded(skeleton, address);
            return Future.succeededFuture(new LoginResult(checked.result(), tokens.forUser(checked.result())));
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
                    Usernames.skeleton(username), role, hash, false, forms, 0, Set.of());
            return store.insert(account).map(account);
        });
    }

    public Future<java.util.List<Account>> all() {
        return store.all();
    }

    public Future<Account> find(String id) {
        return store.byId(id);
    }

    /**
     * Applies a change made from the current stored account; bumps the token version so old tokens
     * stop. A change that would leave no enabled admin is refused: checked before, and again after
     * writing, because two admins may demote each other at once; then the change is undone.
     */
    public Future<Account> update(String id, Change change) {
        return store.byId(id).compose(current -> {
            if (current == null) {
                return Future.failedFuture(Problem.of(ProblemCode.USER_NOT_FOUND, "id", id));
            }
            if (change.team() != null) {
                return checkTeam(change.apply(current, current.passwordHash()), change.team())
                        .compose(v -> update(id, new Change(change.role(), change.disabled(), change.password(), change.forms(), null)))
                        .compose(updated -> write(updated, new Change(null, null, null, null, change.team())));
            }
            if (!current.enabledAdmin() || change.apply(current, current.passwordHash()).enabledAdmin()) {
                return write(current, change);
            }
            return store.enabledAdmins().compose(before -> before <= 1 ? lastAdmin()
                    : write(current, change).compose(updated -> store.enabledAdmins().compose(after -> after > 0
                            ? Future.succeededFuture(updated)
                            : update(id, new Change(current.role(), current.disabled(), null, null, null)).compose(undone -> lastAdmin()))));
        });
    }

    /** A team belongs to a supervisor and holds enumerators; 422 user.team_invalid otherwise. */
    private Future<Void> checkTeam(Account supervisor, Set<String> team) {
        if (supervisor.role() != Role.SUPERVISOR && !team.isEmpty()) {
            return Future.failedFuture(Problem.of(ProblemCode.USER_TEAM_INVALID, "reason", "only a supervisor has a team"));
        }
        List<Future<Account>> members = team.stream().map(store::byId).toList();
        return Future.all(members).compose(all -> {
            for (int i = 0; i < members.size(); i++) {
                Account member = members.get(i).result();
                if (member == null || member.role() != Role.ENUMERATOR) {
                    return Future.failedFuture(Problem.of(ProblemCode.USER_TEAM_INVALID, "reason",
                            "'" + new java.util.ArrayList<>(team).get(i) + "' is not an enumerator's id"));
                }
            }
            return Future.<Void>succeededFuture();
        });
    }

    private static <T> Future<T> lastAdmin() {
        return Future.failedFuture(Problem.of(ProblemCode.USER_LAST_ADMIN));
    }

    private Future<Account> write(Account current, Change change) {
        Future<String> hash = change.password() == null
                ? Future.succeededFuture(current.passwordHash())
                : vertx.executeBlocking(() -> Passwords.hash(change.password()), false);
        return hash.compose(h -> {
            Account updated = change.apply(current, h);
            return store.replace(updated, current.tokenVersion()).compose(replaced -> {
                cache.remove(current.id());
                return replaced ? Future.succeededFuture(updated) : update(current.id(), change);
            });
        });
    }

    /** What an admin may change; null means "leave as it is". */
    public record Change(Role role, Boolean disabled, String password, Set<String> forms, Set<String> team) {
        boolean revokesTokens() {
            return role != null || disabled != null || password != null;
        }

        Account apply(Account a, String passwordHash) {
            return new Account(a.id(), a.username(), a.key(), a.skeleton(), role == null ? a.role() : role, passwordHash,
                    disabled == null ? a.disabled() : disabled, forms == null ? a.forms() : forms,
                    a.tokenVersion() + (revokesTokens() ? 1 : 0), team == null ? a.team() : team);
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
