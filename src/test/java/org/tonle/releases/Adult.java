package org.tonle.releases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tonle.submissions.SampleAnswers;
import org.tonle.support.Submissions;
import org.tonle.support.TestServer;

/**
 * One digital-literacy respondent with the answers the attacks look at, and populations of them.
 *
 * @param khmer whether an owner's phone handles Khmer script: yes, no or dont_know (ignored for non-owners)
 */
record Adult(String sex, String province, String area, boolean disability, boolean online, boolean owner, String khmer,
        boolean programs) {

    Map<String, Object> answers() {
        Map<String, Object> a = SampleAnswers.profile(sex, 30);
        a.put("province", province);
        a.put("area", area);
        if (disability) {
            a.put("wg_seeing", "a_lot");
        }
        a.put("internet_use", online ? "yes" : "no");
        if (online) {
            a.put("internet_frequency", "weekly");
        } else {
            a.put("no_internet_reasons", List.of("device_cost"));
        }
        a.put("mobile_use", "yes");
        a.put("mobile_own", owner ? "yes" : "no");
        if (owner) {
            a.put("smartphone", "yes");
            a.put("khmer_script", khmer);
        }
        a.put("ict_skills", programs ? List.of("programming", "copy_paste") : List.of("copy_paste"));
        a.put("household_internet", "no");
        return a;
    }

    Adult withProgramming(boolean p) {
        return new Adult(sex, province, area, disability, online, owner, khmer, p);
    }

    /**
     * A survey of {@code perProvince[i]} adults in each of {@code provinces[i]}, drawn from a fixed seed:
     * about half online, most owning a phone, few with a disability, few who program.
     */
    static List<Adult> survey(long seed, String[] provinces, int[] perProvince) {
        Random random = new Random(seed);
        List<Adult> people = new ArrayList<>();
        for (int p = 0; p < provinces.length; p++) {
            for (int i = 0; i < perProvince[p]; i++) {
                boolean owner = random.nextDouble() < 0.85;
                double k = random.nextDouble();
                people.add(new Adult(random.nextBoolean() ? "female" : "male", provinces[p], random.nextDouble() < 0.6 ? "rural" : "urban",
                        random.nextDouble() < 0.08, random.nextDouble() < 0.5, owner, k < 0.8 ? "yes" : k < 0.96 ? "no" : "dont_know",
                        random.nextDouble() < 0.04));
            }
        }
        return people;
    }

    /** Submits them in batches as an admin, and waits until the national internet_use counts them all. */
    static void submit(TestServer server, List<Adult> people) {
        for (int from = 0; from < people.size(); from += 400) {
            JsonArray batch = new JsonArray();
            people.subList(from, Math.min(people.size(), from + 400))
                    .forEach(a -> batch.add(Submissions.body(a.answers()).put("formId", "digital-literacy")));
            JsonObject result = server.post("/api/v1/submissions/batch", new JsonObject().put("submissions", batch)).bodyAsJsonObject();
            for (Object r : result.getJsonArray("results")) {
                if (!"accepted".equals(((JsonObject) r).getString("status"))) {
                    throw new AssertionError("a submission was refused: " + r);
                }
            }
        }
    }
}
