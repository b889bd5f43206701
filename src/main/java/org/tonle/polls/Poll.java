package org.tonle.polls;

import java.time.Instant;
import org.tonle.forms.Form;
import org.tonle.forms.Text;

/**
 * A community poll: a shipped form or a few questions of its own, open between two times, with an
 * optional cap on responses, run by an organiser. {@code cap} 0 means no cap.
 */
public record Poll(String code, String owner, Text title, Form form, boolean ownQuestions, Instant opensAt,
        Instant closesAt, int cap, boolean publicResults) {

    public boolean openAt(Instant t) {
        return !t.isBefore(opensAt) && t.isBefore(closesAt);
    }
}
