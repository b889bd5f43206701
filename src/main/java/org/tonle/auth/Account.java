package org.tonle.auth;

import java.util.Set;

/**
 * A stored user. {@code key} is the username as compared (NFC, lower case), {@code username} as
 * typed. {@code tokenVersion} goes up whenever the password, role or status changes, so tokens
 * issued before stop working.
 */
public record Account(String id, String username, String key, Role role, String passwordHash,
        boolean disabled, Set<String> forms, int tokenVersion) {

    public Account {
        forms = Set.copyOf(forms);
    }
}
