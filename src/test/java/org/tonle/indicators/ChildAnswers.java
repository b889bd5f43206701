package org.tonle.indicators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of a 12-year-old who goes online, for the questions children-online asks them. */
public final class ChildAnswers {

    private ChildAnswers() {
    }

    public static Map<String, Object> online() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("devices", List.of("own_phone"));
        a.put("places", List.of("home"));
        a.put("first_use_age", 9);
        a.put("activities", List.of("schoolwork"));
        for (String skill : List.of("skill_save_photo", "skill_privacy", "skill_what_share", "skill_check_info", "skill_report")) {
            a.put(skill, "3");
        }
        a.put("bothered_online", "no");
        a.put("stranger_contact", "no");
        for (String risk : List.of("seen_sexual_content", "met_in_person", "seen_self_harm")) {
            a.put(risk, "prefer_not_to_say");
        }
        for (String m : List.of("mediation_talk", "mediation_rules", "mediation_filters")) {
            a.put(m, "yes");
        }
        return a;
    }
}
