package org.tonle.auth;

import java.util.Set;

/**
 * A stored user. {@code username} is as typed (NFC); {@code key} is what log-in looks it up by
 * (NFKC, case folded) and {@code skeleton} what keeps look-alike names apart (see {@link Usernames}).
 * {@code tokenVersion} goes up whenever the password, role or status changes, so tokens issued
 * before stop working. {@code team}: for a supervisor, the ids of the enumerators whose submissions
 * they review.
 */
public record Account(String id, String username, String key, String skeleton, Role role, String passwordHash,
        boolean disabled, Set<String> forms, int tokenVersion, Set<String> team) {

    public Account {
        forms = Set.copyOf(forms);
        team = Set.copyOf(team);
    }

    boolean enabledAdmin() {
        return role == Role.ADMIN && !disabled;
    }
}
