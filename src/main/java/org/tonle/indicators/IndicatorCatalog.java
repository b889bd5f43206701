package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every indicator, by id and by the form whose responses feed it, and each form's sample design. */
public final class IndicatorCatalog {

    private final Map<String, Indicator> byId = new LinkedHashMap<>();
    private final Map<String, List<Indicator>> measuredByForm = new LinkedHashMap<>();

    private final Map<String, SampleDesign> designs;

    IndicatorCatalog(Collection<Indicator> indicators, Map<String, SampleDesign> designs) {
        this.designs = Map.copyOf(designs);
        for (Indicator i : indicators) {
            byId.put(i.id(), i);
            if (!i.kind().derived()) {
                i.forms().forEach(f -> measuredByForm.computeIfAbsent(f, k -> new ArrayList<>()).add(i));
            }
        }
    }

    public Indicator get(String id) {
        return byId.get(id);
    }

    public Collection<Indicator> all() {
        return byId.values();
    }

    /** The sample design a form declares; null for a simple random sample of respondents. */
    public SampleDesign design(String formId) {
        return designs.get(formId);
    }

    /** The proportions and means a response to {@code formId} contributes to. */
    public List<Indicator> measuredBy(String formId) {
        return measuredByForm.getOrDefault(formId, List.of());
    }
}
