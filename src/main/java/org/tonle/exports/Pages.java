package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The stored submissions of an export, a page at a time in {@code _id} order; an empty page once all are read. */
interface Pages {

    int PAGE = 500;

    Future<List<JsonObject>> next();
}
