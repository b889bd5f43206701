package org.tonle.forms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated questionnaire. {@link #questions()} is every question in document order
 * (calculations included); {@link #calculationOrder()} lists calculations so that each comes
 * after the calculations it reads.
 */
public final class Form {

    public enum TranslationStatus { DRAFT, REVIEWED }

    private final String id;
    private final String version;
    private final Text title;
    private final Text description;
    private final Map<String, TranslationStatus> languages;
    private final List<FormNode> layout;
    private final Map<String, Question> questions;
    private final List<Question> calculationOrder;
    private final Map<String, List<Choice>> choiceLists;
    private final java.util.Set<String> includes;
    private final boolean restrictedExport;
    private final Map<String, String> design;

    public Form(String id, String version, Text title, Text description, Map<String, TranslationStatus> languages,
            List<FormNode> layout, List<Question> questions, List<Question> calculationOrder,
            Map<String, List<Choice>> choiceLists, java.util.Set<String> includes, boolean restrictedExport) {
        this(id, version, title, description, languages, layout, questions, calculationOrder, choiceLists, includes,
                restrictedExport, Map.of());
    }

    /**
     * @param design the sample design as declared ({@code stratum}, {@code psu}, {@code household}:
     *     expression text), the form's own or that of a fragment it includes; estimated from by the
     *     indicators, kept here so that the form can be written back (XLSForm)
     */
    public Form(String id, String version, Text title, Text description, Map<String, TranslationStatus> languages,
            List<FormNode> layout, List<Question> questions, List<Question> calculationOrder,
            Map<String, List<Choice>> choiceLists, java.util.Set<String> includes, boolean restrictedExport,
            Map<String, String> design) {
        this.design = Collections.unmodifiableMap(new LinkedHashMap<>(design));
        this.id = id;
        this.version = version;
        this.title = title;
        this.description = description;
        this.languages = Collections.unmodifiableMap(new LinkedHashMap<>(languages));
        this.layout = List.copyOf(layout);
        Map<String, Question> byName = new LinkedHashMap<>();
        questions.forEach(q -> byName.put(q.name(), q));
        this.questions = Collections.unmodifiableMap(byName);
        this.calculationOrder = List.copyOf(calculationOrder);
        this.choiceLists = Collections.unmodifiableMap(new LinkedHashMap<>(choiceLists));
        this.includes = java.util.Set.copyOf(includes);
        this.restrictedExport = restrictedExport;
    }

    /**
     * Whether stored responses are shown without free text or anything that could identify the
     * respondent or the interviewer (children's data).
     */
    public boolean restrictedExport() {
        return restrictedExport;
    }

    /** The declared sample design: {@code stratum}, {@code psu}, {@code household} to expression text (empty: none). */
    public Map<String, String> design() {
        return design;
    }

    /** Names of the fragments (e.g. the profile) this form includes. */
    public java.util.Set<String> includes() {
        return includes;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Text title() {
        return title;
    }

    public Text description() {
        return description;
    }

    public Map<String, TranslationStatus> languages() {
        return languages;
    }

    public List<FormNode> layout() {
        return layout;
    }

    public java.util.Collection<Question> questions() {
        return questions.values();
    }

    public Question question(String name) {
        return questions.get(name);
    }

    public List<Question> calculationOrder() {
        return calculationOrder;
    }

    public Map<String, List<Choice>> choiceLists() {
        return choiceLists;
    }
}
