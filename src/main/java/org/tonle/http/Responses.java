package org.tonle.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.tonle.forms.Text;

/** Writing JSON responses, and the JSON shape of shared values. */
public final class Responses {

    public static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    public static Future<Void> json(RoutingContext ctx, int status, Object body) {
        Buffer buffer = body instanceof JsonObject o ? o.toBuffer() : ((JsonArray) body).toBuffer();
        return ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(buffer);
    }

    public static JsonObject text(Text text) {
        return text == null ? null : new JsonObject(new java.util.LinkedHashMap<>(text.byLanguage()));
    }
}
