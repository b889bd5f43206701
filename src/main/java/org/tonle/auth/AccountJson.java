package org.tonle.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/** What the API shows of an account: never the password hash. */
final class AccountJson {

    private AccountJson() {
    }

    static JsonObject view(Account a) {
        return new JsonObject()
                .put("id", a.id())
                .put("username", a.username())
                .put("role", a.role().id())
                .put("disabled", a.disabled())
                .put("forms", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(a.forms()))))
                .put("team", a.role() == Role.SUPERVISOR ? new JsonArray(new java.util.ArrayList<>(new TreeSet<>(a.team()))) : null);
    }
}
