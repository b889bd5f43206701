package org.tonle.support;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/** Building submission bodies as a phone sends them. */
public final class Submissions {

    private Submissions() {
    }

    public static String newInstanceId() {
        return "uuid:" + UUID.randomUUID();
    }

    public static JsonObject body(String instanceId, Map<String, Object> answers) {
        return new JsonObject().put("instanceId", instanceId).put("answers", new JsonObject(new java.util.LinkedHashMap<>(answers)));
    }

    public static JsonObject body(Map<String, Object> answers) {
        return body(newInstanceId(), answers);
    }
}
