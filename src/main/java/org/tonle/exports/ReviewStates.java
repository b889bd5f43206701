package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tonle.submissions.CountedStates;
import org.tonle.submissions.ReviewState;

/**
 * The review states an export selects on ({@link ReviewState}); a stored submission without one is
 * {@code received}. With no {@code states=}, an export holds the states that count in the form's
 * indicators ({@link CountedStates}).
 */
final class ReviewStates {

    /** Every state a submission can be in, in the order a review moves it. */
    static final List<String> ALL = Arrays.stream(ReviewState.values()).map(ReviewState::code).toList();
    static final String FIELD = "review.state";

    private ReviewStates() {
    }

    /** The states whose submissions count in {@code formId}'s indicators now. */
    static Set<String> countedIn(CountedStates counted, String formId) {
        return counted.of(formId).stream().map(ReviewState::code).collect(Collectors.toUnmodifiableSet());
    }

    /** A submission's state as exported. */
    static String of(JsonObject stored) {
        return ReviewState.of(stored).code();
    }

    /** The filter on these states; null when they are all of them (no filter, so nothing is scanned for it). */
    static JsonObject filter(Set<String> states) {
        if (states.containsAll(ALL)) {
            return null;
        }
        List<Object> named = new ArrayList<>(states);
        JsonObject in = new JsonObject().put(FIELD, new JsonObject().put("$in", new JsonArray(named)));
        if (!states.contains(ReviewState.RECEIVED.code())) {
            return in;
        }
        return new JsonObject().put("$or", new JsonArray().add(in).add(new JsonObject().put(FIELD, new JsonObject().put("$exists", false))));
    }
}
