package org.tonle.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.submissions.SampleAnswers;

/** One synthetic digital-literacy respondent, and its answers as a phone would send them. */
public record Respondent(String sex, String province, String area, boolean disability, boolean online, double weight) {

    public Map<String, Object> answers() {
        Map<String, Object> a = SampleAnswers.profile(sex, 30);
        a.put("province", province);
        a.put("area", area);
        if (disability) {
            a.put("wg_seeing", "a_lot");
        }
        a.put("internet_use", online ? "yes" : "no");
        a.put("mobile_use", "yes");
        a.put("mobile_own", "no");
        a.put("ict_skills", List.of("none"));
        a.put("household_internet", "dont_know");
        if (online) {
            a.put("internet_frequency", "weekly");
        } else {
            a.put("no_internet_reasons", List.of("device_cost"));
        }
        return a;
    }

    /** A population with known structure: 8 people in province 01 (too few to publish), the rest in 12 and 17. */
    public static List<Respondent> population(int size) {
        List<Respondent> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String sex = i % 2 == 0 ? "female" : "male";
            String province = i < 8 ? "01" : (i % 3 == 0 ? "17" : "12");
            boolean online = (i * 37 % 100) < (sex.equals("female") ? 35 : 55);
            people.add(new Respondent(sex, province, i % 4 == 0 ? "rural" : "urban", i % 9 == 0, online,
                    1 + (i % 7) * 0.37));
        }
        return people;
    }

    static Map<String, Object> key(String... pairs) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            key.put(pairs[i], pairs[i + 1]);
        }
        return key;
    }
}
