package org.tonle.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic digital-literacy respondents from a two-stage sample: strata province × area, villages
 * (8-digit codes, the province first) of unequal sizes, households within them, one stratum with a
 * single village, one respondent in ten without a village, random weights.
 */
final class DesignedSample {

    private static final String[] PROVINCES = {"02", "08", "12", "17", "21"};
    private static final List<String> SKILLS = List.of("copy_paste", "send_attachment", "spreadsheet_formula", "connect_device",
            "install_software", "presentation", "transfer_files", "security_measures", "privacy_settings", "verify_information",
            "programming");

    private DesignedSample() {
    }

    static List<JsonObject> people(Random random, int size) {
        Map<String, List<Integer>> villages = villages(random);
        List<JsonObject> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String province = PROVINCES[random.nextInt(PROVINCES.length)];
            String area = random.nextInt(100) < 35 ? "urban" : "rural";
            List<Integer> codes = villages.get(province + "-" + area);
            int village = codes.get(Math.min(codes.size() - 1, (int) Math.floor(Math.pow(random.nextDouble(), 2) * codes.size())));
            people.add(new JsonObject().put("formId", "digital-literacy").put("instanceId", "uuid:" + UUID.randomUUID())
                    .put("weight", 50 + random.nextDouble() * 2950)
                    .put("answers", answers(random, province, area, random.nextInt(10) == 0 ? null : village)));
        }
        return people;
    }

    private static Map<String, List<Integer>> villages(Random random) {
        Map<String, List<Integer>> villages = new LinkedHashMap<>();
        for (String province : PROVINCES) {
            for (String area : new String[] {"urban", "rural"}) {
                int count = province.equals("21") && area.equals("urban") ? 1 : 3 + random.nextInt(8);
                List<Integer> codes = new ArrayList<>();
                for (int v = 0; v < count; v++) {
                    codes.add(Integer.parseInt(province) * 1_000_000 + (area.equals("urban") ? 0 : 500_000) + random.nextInt(400_000));
                }
                villages.put(province + "-" + area, codes);
            }
        }
        return villages;
    }

    private static JsonObject answers(Random random, String province, String area, Integer village) {
        boolean woman = random.nextBoolean();
        boolean online = random.nextInt(100) < (woman ? 32 : 45) + (area.equals("urban") ? 20 : 0);
        boolean owns = random.nextInt(100) < 70;
        JsonObject a = new JsonObject().put("sex", woman ? "female" : "male").put("age", 15 + random.nextInt(65))
                .put("province", province).put("area", area);
        if (village != null) {
            a.put("village_code", village).put("household_no", 1 + random.nextInt(40));
        }
        for (String wg : List.of("wg_seeing", "wg_hearing", "wg_mobility", "wg_cognition", "wg_selfcare", "wg_communication")) {
            a.put(wg, random.nextInt(100) < 4 ? "a_lot" : random.nextInt(100) < 15 ? "some" : "none");
        }
        a.put("internet_use", online ? "yes" : "no").put("mobile_use", "yes").put("mobile_own", owns ? "yes" : "no");
        if (online) {
            a.put("internet_frequency", random.nextBoolean() ? "daily" : "weekly");
        } else {
            a.put("no_internet_reasons", new JsonArray().add(random.nextBoolean() ? "device_cost" : "dont_know_how"));
        }
        if (owns) {
            a.put("smartphone", random.nextInt(100) < 60 ? "yes" : "no").put("khmer_script", random.nextInt(100) < 80 ? "yes" : "dont_know");
        }
        JsonArray skills = new JsonArray();
        SKILLS.stream().filter(s -> online && random.nextInt(100) < 40).forEach(skills::add);
        a.put("ict_skills", skills.isEmpty() ? new JsonArray().add("none") : skills);
        String home = random.nextInt(100) < 10 ? "dont_know" : random.nextInt(100) < 30 ? "yes" : "no";
        a.put("household_internet", home);
        if (home.equals("yes")) {
            a.put("household_internet_type", new JsonArray().add("mobile_broadband_phone"));
        }
        return a;
    }
}
