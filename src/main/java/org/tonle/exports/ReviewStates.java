package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tonle.forms.Form;

/**
 * The review states an export can select on. Stored submissions will carry {@code review.state}
 * (issue 13); a submission without one is {@code received}, which is every submission today.
 */
public final class ReviewStates {

    public static final String RECEIVED = "received";
    /** Every state a submission can be in, in the order a review moves it. */
    public static final List<String> ALL = List.of(RECEIVED, "approved", "on_hold", "rejected");
    static final String FIELD = "review.state";

    private ReviewStates() {
    }

    /**
     * The states whose submissions count in {@code form}'s indicators: what an export includes
     * when it names no {@code states=}. Today every submission counts, whatever its state. Issue 13
     * adds a per-form setting of the counted states: this is the one place it plugs into.
     */
    public static Set<String> countedIn(Form form) {
        return Set.copyOf(ALL);
    }

    /** A submission's state as exported. */
    static String of(JsonObject stored) {
        JsonObject review = stored.getJsonObject("review");
        String state = review == null ? null : review.getString("state");
        return state == null ? RECEIVED : state;
    }

    /** The filter on these states; null when they are all of them (no filter, so nothing is scanned for it). */
    static JsonObject filter(Set<String> states) {
        if (states.containsAll(ALL)) {
            return null;
        }
        List<Object> named = new ArrayList<>(states);
        JsonObject in = new JsonObject().put(FIELD, new JsonObject().put("$in", new JsonArray(named)));
        if (!states.contains(RECEIVED)) {
            return in;
        }
        return new JsonObject().put("$or", new JsonArray().add(in).add(new JsonObject().put(FIELD, new JsonObject().put("$exists", false))));
    }
}
