package org.tonle.exports;

import io.vertx.core.json.JsonObject;
import org.tonle.auth.Principal;
import org.tonle.forms.Form;

/**
 * What of a form's submissions a caller may export. Analysts and admins: all of them. Issue 13
 * brings supervisors, who export their team's submissions only: their scope is a filter such as
 * {@code {"submittedBy.id": {"$in": [...]}}}, added to {@link ExportRoutes#ROLES} with it.
 */
public interface ExportScope {

    /** Everything, for every role allowed to export. */
    ExportScope EVERYTHING = (who, form) -> null;

    /** The store filter that narrows {@code who}'s export of {@code form}; null for no narrowing. */
    JsonObject limit(Principal who, Form form);
}
