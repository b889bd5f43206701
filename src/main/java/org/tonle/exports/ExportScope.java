package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.forms.Form;

/**
 * What of a form's submissions a caller may export: analysts and admins everything, a supervisor
 * their team's submissions only (as they list and review them).
 */
public interface ExportScope {

    /** By role: a supervisor's team ({@code submittedBy.id} among its members), nothing narrowed for the others. */
    ExportScope BY_ROLE = (who, form) -> !who.is(Role.SUPERVISOR) ? null
            : new JsonObject().put("submittedBy.id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(who.team()))));

    /** The store filter that narrows {@code who}'s export of {@code form}; null for no narrowing. */
    JsonObject limit(Principal who, Form form);
}
