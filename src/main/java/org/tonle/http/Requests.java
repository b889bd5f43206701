package org.tonle.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading request bodies the same way everywhere. */
public final class Requests {

    private Requests() {
    }

    /**
     * The body as a JSON object; a problem for an empty body, bad or lenient JSON (comments, a
     * repeated key, trailing text), or another JSON value.
     */
    public static JsonObject jsonObject(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            throw Problem.of(ProblemCode.REQUEST_MALFORMED);
        }
        if (!(StrictJson.decode(ctx.body().buffer()) instanceof JsonObject obj)) {
            throw Problem.invalid("the body must be a JSON object", "ខ្លឹមសារត្រូវតែជាវត្ថុ JSON");
        }
        return obj;
    }
}
