package org.tonle.forms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.auth.Access;

/**
 * The forms feature: the catalogue of published versions in the database, its copy in memory, the
 * shipped forms published at start-up, drafts, and their routes.
 */
public final class Forms {

    private static final Logger log = LoggerFactory.getLogger(Forms.class);

    private final Vertx vertx;
    private final CatalogStore store;
    private final Publisher publisher;
    private final FormCatalog catalog;
    private final ShippedForms shipped;
    private final Drafts drafts;
    private final long refreshMillis;
    private long timer = -1;

    /**
     * @param refreshMillis how often this process reads the catalogue head to learn of publications
     *     made by other processes
     */
    public Forms(Vertx vertx, MongoClient mongo, ShippedForms shipped, IndicatorView indicators, long refreshMillis) {
        this.vertx = vertx;
        this.store = new CatalogStore(mongo);
        this.publisher = new Publisher(store);
        this.catalog = new FormCatalog(vertx, store);
        this.shipped = shipped;
        this.drafts = new Drafts(vertx, store, publisher, catalog, shipped, indicators);
        this.refreshMillis = refreshMillis;
    }

    /** Publishes what is new in the forms folder, loads the current versions and starts following the database. */
    public Future<Void> start() {
        return store.prepare()
                .compose(v -> shipped.publishNew(store, publisher))
                .compose(v -> catalog.refresh())
                .onSuccess(v -> timer = vertx.setPeriodic(refreshMillis, t -> catalog.refresh()
                        .onFailure(e -> log.warn("could not refresh the forms catalogue: {}", e.toString()))));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public FormCatalog catalog() {
        return catalog;
    }

    /** The draft of a form as a form, for test submissions; null when it has none or it has problems. */
    public Future<Form> draftForm(String formId) {
        return drafts.form(formId);
    }

    public void mount(Router router, Access access) {
        new FormAdminRoutes(drafts, catalog, store, access).mount(router); // first: its .xlsx address is also a version's
        new FormRoutes(catalog, store).mount(router);
    }
}
