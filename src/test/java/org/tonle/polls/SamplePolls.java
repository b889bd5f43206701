package org.tonle.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A youth group's one-question poll, as an organiser would send it. */
public final class SamplePolls {

    private SamplePolls() {
    }

    /** "Which app do you use most?": Facebook, Telegram or TikTok, results public. */
    public static JsonObject appPoll() {
        return new JsonObject()
                .put("title", new JsonObject().put("en", "Which app do you use most?").put("km", "តើអ្នកប្រើកម្មវិធីណាច្រើនជាងគេ?"))
                .put("publicResults", true)
                .put("questions", new JsonArray().add(new JsonObject()
                        .put("name", "app").put("type", "select_one").put("choices", "apps").put("required", true)
                        .put("label", new JsonObject().put("en", "Which app do you use most?").put("km", "តើអ្នកប្រើកម្មវិធីណាច្រើនជាងគេ?"))))
                .put("choices", new JsonObject().put("apps", new JsonArray()
                        .add(choice("facebook", "Facebook", "ហ្វេសប៊ុក"))
                        .add(choice("telegram", "Telegram", "តេឡេក្រាម"))
                        .add(choice("tiktok", "TikTok", "តិកតុក"))));
    }

    private static JsonObject choice(String value, String en, String km) {
        return new JsonObject().put("value", value).put("label", new JsonObject().put("en", en).put("km", km));
    }
}
