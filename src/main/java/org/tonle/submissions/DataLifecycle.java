package org.tonle.submissions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.audit.Audit;
import org.tonle.auth.Access;
import org.tonle.forms.FormCatalog;

/**
 * The data lifecycle put together: counted states, review, corrections, the trash and its purge
 * (hourly by default, of what has been there longer than the retention), for the verticle to wire.
 */
public final class DataLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DataLifecycle.class);

    private final Vertx vertx;
    private final CountedStates counted;
    private final Lifecycle lifecycle;
    private final Audit audit;
    private final Duration retention;
    private Long purgeTimer;

    private final long purgeEveryMillis;

    /** @param purgeEveryMillis how often the trash is looked at for what has been there longer than {@code retention} */
    public DataLifecycle(Vertx vertx, MongoClient mongo, IngestHooks hooks, Audit audit, Duration retention, long purgeEveryMillis) {
        this.purgeEveryMillis = purgeEveryMillis;
        this.vertx = vertx;
        this.counted = new CountedStates(mongo);
        this.lifecycle = new Lifecycle(new LifecycleStore(mongo), counted, hooks, audit);
        this.audit = audit;
        this.retention = retention;
    }

    public Future<Void> start() {
        purgeTimer = vertx.setPeriodic(purgeEveryMillis, t -> purge());
        return counted.start(vertx);
    }

    public void stop() {
        if (purgeTimer != null) {
            vertx.cancelTimer(purgeTimer);
        }
    }

    public CountedStates counted() {
        return counted;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public void mount(Router router, FormCatalog catalog, Access access) {
        new LifecycleRoutes(catalog, lifecycle, counted, audit, access, retention).mount(router);
    }

    /** Removes for good what has been in the trash longer than the retention; recorded in the audit log. */
    Future<Integer> purge() {
        Instant before = Instant.now().minus(retention);
        return lifecycle.purge(before).compose(n -> n == 0 ? Future.succeededFuture(n)
                : audit.record(new Audit.Actor(null, "tonle", "system", null), "submission.purge", null, null,
                        new io.vertx.core.json.JsonObject().put("purged", n).put("deletedBefore", before.toString())).map(v -> n))
                .onFailure(e -> log.warn("Purging the trash failed; will try again: {}", e.toString()));
    }
}
