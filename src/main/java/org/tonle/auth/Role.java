package org.tonle.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do: run the server, read the scores, collect surveys, supervise a team of
 * enumerators (review and correct what they collected), or run community polls.
 */
public enum Role {
    ADMIN, ANALYST, ENUMERATOR, ORGANIZER, SUPERVISOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(Object value) {
        if (value instanceof String s) {
            for (Role r : values()) {
                if (r.id().equals(s)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
