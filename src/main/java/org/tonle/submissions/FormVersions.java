package org.tonle.submissions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.tonle.forms.CleanText;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * The version of a form a submission was made with ({@code formVersion} in its envelope), so that
 * it is validated against the questions the enumerator saw. Left out, it is the current version
 * (older clients); a version never published is {@code 422 form.unknown_version}.
 */
final class FormVersions {

    private final FormCatalog catalog;

    FormVersions(FormCatalog catalog) {
        this.catalog = catalog;
    }

    Future<Form> resolve(Form current, Object requested) {
        if (requested == null || requested.equals(current.version())) {
            return Future.succeededFuture(current);
        }
        if (!(requested instanceof String version)) {
            return Future.failedFuture(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), List.of(FieldProblem.of("formVersion",
                    ValidationCode.TYPE, Map.of("expected", "the form's version as text", "expected_km", "កំណែនៃទម្រង់បែបបទជាអត្ថបទ")))));
        }
        return catalog.version(current.id(), version).compose(form -> form != null ? Future.succeededFuture(form)
                : Future.failedFuture(new Problem(ProblemCode.FORM_UNKNOWN_VERSION, Map.of("id", current.id(),
                        "version", CleanText.shown(version)), List.of())));
    }
}
