package org.tonle.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do: run the server, read the scores, collect surveys, supervise a team of
 * enumerators (review and correct what they collected), run community polls, or read what has been
 * released for publication.
 */
public enum Role {
    ADMIN, ANALYST, ENUMERATOR, ORGANIZER,
    /** The advisory board and partners: may read releases, never the live tables (see {@link #seesLiveTables()}). */
    VIEWER,
    /** Reviews and corrects their team's submissions; reads releases, not the live tables, which hold others' data. */
    SUPERVISOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this role may see exact, live indicator tables and their stream: only a role that may
     * already read every submission behind every table, since any user who can watch the tables
     * change can read each new respondent's answers from the differences. A supervisor limited to a
     * team would answer false here (they may not read other teams' submissions), and read releases.
     */
    public boolean seesLiveTables() {
        return this == ADMIN || this == ANALYST;
    }

    /** The roles that see live tables, for routes to declare. */
    public static Role[] liveTableReaders() {
        return java.util.Arrays.stream(values()).filter(Role::seesLiveTables).toArray(Role[]::new);
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
