package org.tonle.submissions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic, valid answers for the shipped forms, to be varied by each test. */
public final class SampleAnswers {

    private SampleAnswers() {
    }

    public static Map<String, Object> profile(String sex, int age) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sex", sex);
        a.put("age", age);
        a.put("province", "12");
        a.put("area", "urban");
        for (String wg : List.of("wg_seeing", "wg_hearing", "wg_mobility", "wg_cognition", "wg_selfcare", "wg_communication")) {
            a.put(wg, "none");
        }
        return a;
    }

    /** An Internet user with a smartphone who did two ITU skill activities. */
    public static Map<String, Object> digitalLiteracy() {
        Map<String, Object> a = profile("female", 34);
        a.put("internet_use", "yes");
        a.put("internet_frequency", "daily");
        a.put("mobile_use", "yes");
        a.put("mobile_own", "yes");
        a.put("smartphone", "yes");
        a.put("khmer_script", "yes");
        a.put("ict_skills", List.of("copy_paste", "send_attachment"));
        a.put("household_internet", "no");
        return a;
    }

    public static Map<String, Object> fieldTest() {
        Map<String, Object> a = profile("male", 40);
        a.put("consent", "yes");
        a.put("household_size", 4);
        a.put("monthly_spend", 10.0);
        a.put("devices", List.of("phone"));
        a.put("phone_brand", "Samsung");
        return a;
    }
}
