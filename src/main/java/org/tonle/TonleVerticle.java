package org.tonle;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.tonle.config.TonleConfig;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.FormLoader;
import org.tonle.forms.FormRoutes;
import org.tonle.forms.FormSource;
import org.tonle.http.FailureHandler;
import org.tonle.http.RequestIds;
import org.tonle.store.EmbeddedMongo;
import org.tonle.store.MongoConfig;
import org.tonle.submissions.SubmissionRoutes;
import org.tonle.submissions.SubmissionService;
import org.tonle.submissions.SubmissionStore;
import org.tonle.http.HealthRoutes;

/** Wires the features together: store, forms, routes, HTTP server. Holds no logic of its own. */
public final class TonleVerticle extends VerticleBase {

    private final TonleConfig config;
    private EmbeddedMongo embedded;
    private MongoClient mongo;
    private HttpServer server;

    public TonleVerticle(TonleConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::prepare).compose(catalog -> {
            mongo = MongoClient.createShared(vertx, MongoConfig.of(config, embedded), "tonle-" + deploymentID());
            SubmissionStore submissions = new SubmissionStore(mongo, embedded == null);
            return submissions.ensureIndexes().compose(v -> listen(router(catalog, submissions)));
        }).recover(failure -> stop().transform(stopped -> Future.failedFuture(failure)));
    }

    /** Blocking start-up work: open the embedded store, read and validate the forms. */
    private FormCatalog prepare() {
        FormCatalog catalog = new FormCatalog(FormLoader.load(
                config.formsDir().map(FormSource::directory).orElseGet(FormSource::classpath)));
        if (config.embedded()) {
            embedded = EmbeddedMongo.start(config.dataDir(), config.embeddedFsync());
        }
        return catalog;
    }

    private Router router(FormCatalog catalog, SubmissionStore submissions) {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        new HealthRoutes(submissions::ping, embedded == null ? "mongodb" : "embedded", catalog.forms().size()).mount(router);
        new FormRoutes(catalog).mount(router);
        new SubmissionRoutes(catalog, new SubmissionService(submissions), config.maxBatchItems()).mount(router);
        FailureHandler failures = new FailureHandler(config.maxBodyBytes());
        router.route().failureHandler(failures::handle);
        router.errorHandler(404, failures::handle);
        router.errorHandler(405, failures::handle);
        return router;
    }

    private Future<HttpServer> listen(Router router) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true)
                .setDecompressionSupported(true)
                .setIdleTimeout(120);
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        Future<Void> closeHttp = server == null ? Future.succeededFuture() : server.close();
        return closeHttp
                .compose(v -> mongo == null ? Future.succeededFuture() : mongo.close())
                .compose(v -> embedded == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
                    embedded.close();
                    return null;
                }));
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.actualPort();
    }

    /** Where data lives, for the start-up line. */
    public String storeDescription() {
        return embedded == null ? "MongoDB at MONGO_URI" : "embedded, " + embedded.file().toAbsolutePath();
    }
}
