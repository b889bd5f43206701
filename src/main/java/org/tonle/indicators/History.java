package org.tonle.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What each batch that touched a stored submission did to the tables. The first step is its
 * storing (batch {@code agg}; counted unless the form's counted states left it out, {@code counted:
 * false}; answers version 1); every later change of what counts (a review state into or out of the
 * counted set, a correction, a deletion, a restore) is a step of its own, appended to {@code counts}
 * in the same write that makes the change, with the batch that moves the tables. Step i adds the
 * contribution of its own state and takes away that of step i − 1, in the document of its batch's
 * writer slot: so every document still holds exactly the sum of the steps of the batches it holds.
 */
final class History {

    /** One step: its batch, whether the submission counts after it, and with which answers version. */
    record Step(String batch, boolean counted, int version) {
    }

    private History() {
    }

    /**
     * The steps of a submission's history; none for a purged one, whose answers are gone (the
     * documents that held its steps keep an addition and a removal that cancel out).
     */
    static List<Step> of(JsonObject submission) {
        List<Step> steps = new ArrayList<>();
        if (submission.containsKey("purged")) {
            return steps;
        }
        steps.add(new Step(submission.getString("agg"), submission.getBoolean("counted", true), 1));
        JsonArray later = submission.getJsonArray("counts");
        if (later != null) {
            for (Object o : later) {
                JsonObject step = (JsonObject) o;
                steps.add(new Step(step.getString("b"), step.getBoolean("c"), step.getInteger("v")));
            }
        }
        return steps;
    }

    /** The position of batch {@code batchId} in a submission's history, or −1. */
    static int indexOf(List<Step> steps, String batchId) {
        for (int i = 0; i < steps.size(); i++) {
            if (batchId.equals(steps.get(i).batch())) {
                return i;
            }
        }
        return -1;
    }

    /** The answers versions a submission's history refers to, other than the current one (kept apart). */
    static List<Integer> olderVersions(JsonObject submission, List<Step> steps) {
        int current = submission.getInteger("version", 1);
        List<Integer> older = new ArrayList<>();
        steps.forEach(s -> {
            if (s.counted() && s.version() != current && !older.contains(s.version())) {
                older.add(s.version());
            }
        });
        return older;
    }
}
