package org.tonle.submissions;

import java.time.Instant;
import java.util.Map;
import org.tonle.forms.Form;

/**
 * A submission as received, after its envelope was checked but before its answers were: the form
 * it is for, the device-made instanceId, the raw answers, and a hash of what the client sent, so a
 * retry of the same content is recognised even if the form has changed since.
 */
public record Incoming(Form form, String instanceId, Map<String, Object> rawAnswers, Instant collectedAt,
        double weight, String contentHash, Submitter submitter, String replaces, Map<String, String> design) {

    /** Who sent a submission: the account's id and username as they were then. */
    public record Submitter(String id, String username, boolean admin) {
        public Submitter(String id, String username) {
            this(id, username, false);
        }
    }

    public Incoming by(Submitter who) {
        return new Incoming(form, instanceId, rawAnswers, collectedAt, weight, contentHash, who, replaces, design);
    }
}
