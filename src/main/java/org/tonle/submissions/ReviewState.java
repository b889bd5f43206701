package org.tonle.submissions;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a stored submission stands in review: {@code received} on arrival, then {@code approved},
 * {@code on_hold} (has issues, to be followed up) or {@code rejected}. Which of them count in the
 * indicators is a per-form setting ({@link CountedStates}).
 */
public enum ReviewState {
    RECEIVED, APPROVED, ON_HOLD, REJECTED;

    /** Everything but rejected (deleted submissions never count). */
    public static final Set<ReviewState> COUNTED_BY_DEFAULT = Set.of(RECEIVED, APPROVED, ON_HOLD);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReviewState> parse(Object value) {
        if (value instanceof String s) {
            for (ReviewState state : values()) {
                if (state.code().equals(s)) {
                    return Optional.of(state);
                }
            }
        }
        return Optional.empty();
    }

    /** The state of a stored submission ({@code review.state}; none yet: received). */
    public static ReviewState of(io.vertx.core.json.JsonObject stored) {
        io.vertx.core.json.JsonObject review = stored.getJsonObject("review");
        return review == null ? RECEIVED : parse(review.getString("state")).orElse(RECEIVED);
    }
}
