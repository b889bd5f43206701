package org.tonle.forms;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the forms need to know of the indicators, given by whoever wires the features together (the
 * indicators read the forms, so the forms do not read the indicators' classes).
 */
public interface IndicatorView {

    /** One indicator fed by a form's responses, and the questions whose answers it reads. */
    record Use(String id, Set<String> questions) {}

    /** Problems with the indicators declared in {@code files}, checked against {@code forms}; empty when none. */
    List<String> check(Map<String, String> files, Map<String, Form> forms);

    /** The indicators that the responses to {@code formId} feed, as loaded at start-up. */
    List<Use> uses(String formId);

    IndicatorView NONE = new IndicatorView() {
        @Override
        public List<String> check(Map<String, String> files, Map<String, Form> forms) {
            return List.of();
        }

        @Override
        public List<Use> uses(String formId) {
            return List.of();
        }
    };
}
