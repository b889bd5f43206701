package org.tonle.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** Starting a recompute job and following it to its end, as an admin's script would. */
public final class Recomputes {

    private Recomputes() {
    }

    /** The finished job's report; fails if the job could not start or ended in failure. */
    public static JsonObject run(WebClient admin) {
        HttpResponse<Buffer> started = TestServer.await(admin.post("/api/v1/admin/indicators/recompute").send());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("recompute did not start: " + started.statusCode() + " " + started.bodyAsString());
        }
        String status = started.getHeader("Location");
        long deadline = System.currentTimeMillis() + 30 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject job = TestServer.await(admin.get(status).send()).bodyAsJsonObject();
            switch (job.getString("state")) {
                case "done":
                    return job.getJsonObject("report");
                case "failed":
                    throw new IllegalStateException("recompute failed: " + job.encode());
                default:
                    sleep();
            }
        }
        throw new IllegalStateException("recompute still running after 30 minutes");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
