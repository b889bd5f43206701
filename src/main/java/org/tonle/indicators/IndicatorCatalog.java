package org.tonle.indicators;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every indicator, by id and by the form whose responses feed it. */
public final class IndicatorCatalog {

    private final Map<String, Indicator> byId = new LinkedHashMap<>();
    private final Map<String, List<Indicator>> measuredByForm = new LinkedHashMap<>();

    IndicatorCatalog(Collection<Indicator> indicators) {
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

    /** The proportions and means a response to {@code formId} contributes to. */
    public List<Indicator> measuredBy(String formId) {
        return measuredByForm.getOrDefault(formId, List.of());
    }
}
