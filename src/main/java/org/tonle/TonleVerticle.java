package org.tonle;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Optional;
import org.tonle.auth.Access;
import org.tonle.auth.AccountStore;
import org.tonle.auth.Accounts;
import org.tonle.auth.AuthRoutes;
import org.tonle.auth.SigningKeys;
import org.tonle.auth.Tokens;
import org.tonle.calibration.CalibrationRoutes;
import org.tonle.calibration.TargetStore;
import org.tonle.config.TonleConfig;
import org.tonle.http.Hardening;
import org.tonle.http.InvalidRequests;
import org.tonle.http.RequestBodies;
import org.tonle.polls.PollRoutes;
import org.tonle.releases.ReleaseRoutes;
import org.tonle.releases.ReleaseService;
import org.tonle.polls.PollService;
import org.tonle.polls.PollStore;
import org.tonle.web.WebRoutes;
import java.util.Map;
import org.tonle.exports.ExportAudit;
import org.tonle.exports.ExportMetrics;
import org.tonle.exports.ExportRoutes;
import org.tonle.exports.ExportScope;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.Forms;
import org.tonle.forms.ShippedForms;
import org.tonle.indicators.Indicators;
import org.tonle.indicators.IndicatorCatalog;
import org.tonle.indicators.IndicatorLoader;
import org.tonle.indicators.IndicatorRoutes;
import org.tonle.indicators.IndicatorStream;
import org.tonle.forms.FormSource;
import org.tonle.http.FailureHandler;
import org.tonle.http.RequestIds;
import org.tonle.store.DataDirectory;
import org.tonle.store.EmbeddedMongo;
import org.tonle.store.MongoConfig;
import org.tonle.submissions.SubmissionRoutes;
import org.tonle.submissions.SubmissionService;
import org.tonle.submissions.SubmissionStore;
import org.tonle.audit.Audit;
import org.tonle.audit.AuditRoutes;
import org.tonle.submissions.DataLifecycle;
import org.tonle.http.HealthRoutes;
import org.tonle.http.MetricsRoutes;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Wires the features together: store, forms, routes, HTTP server. Holds no logic of its own. */
public final class TonleVerticle extends VerticleBase {

    /** Longer than the stream's 15 s heartbeat; short enough that dead phones' connections are let go. */
    private static final int IDLE_TIMEOUT_SECONDS = 300;

    private final TonleConfig config;
    private EmbeddedMongo embedded;
    private MongoClient mongo;
    private HttpServer server;
    private Indicators indicators;
    private JvmGcMetrics gcMetrics;
    private IndicatorStream stream;
    private Forms forms;
    private final ExportMetrics exportMetrics = new ExportMetrics();
    private Audit audit;
    private DataLifecycle lifecycle;

    /** What start-up reads from the form files and the data directory. */
    private record Definitions(ShippedForms forms, IndicatorCatalog indicators, SigningKeys keys) {}

    public TonleVerticle(TonleConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::prepare).compose(definitions -> {
            mongo = MongoClient.createShared(vertx, MongoConfig.of(config, embedded), "tonle-" + deploymentID());
            forms = new Forms(vertx, mongo, definitions.forms(), new FormIndicators(definitions.indicators()),
                    config.formsRefreshMillis());
            FormCatalog catalog = forms.catalog();
            SubmissionStore submissions = new SubmissionStore(mongo, embedded == null);
            indicators = new Indicators(vertx, mongo, definitions.indicators(), new Indicators.Settings(config.writerTimeoutMillis(),
                    config.recomputeMaxSubmissions(), embedded != null, config.selfCheckPerMinute(), config.selfCheckIntervalMillis()));
            TonleConfig.Security security = config.security();
            Tokens tokens = new Tokens(vertx, definitions.keys(), Duration.ofHours(security.tokenHours()));
            Accounts accounts = new Accounts(vertx, new AccountStore(mongo), tokens, security.loginFailuresPerWindow());
            PollService polls = new PollService(vertx, new PollStore(mongo, embedded == null, embedded != null), catalog, tokens,
                    config.maxWeight());
            // the first admin only once the server listens: a start that fails must not use up its one printed password
            audit = new Audit(mongo);
            lifecycle = new DataLifecycle(vertx, mongo, indicators.aggregator(), audit, Duration.ofDays(config.trashDays()),
                    config.purgeIntervalMillis());
            return submissions.ensureIndexes()
                    .compose(v -> lifecycle.start())
                    .compose(v -> forms.start())
                    .compose(v -> accounts.prepare())
                    .compose(v -> polls.start())
                    .compose(v -> indicators.start(embedded != null))
                    .compose(v -> listen(router(definitions, submissions, new Access(accounts), polls, accounts)))
                    .compose(v -> accounts.ensureFirstAdmin(security.adminPassword()));
        }).recover(failure -> stop().transform(stopped -> Future.failedFuture(failure)));
    }

    /** Blocking start-up work: read and validate the forms and indicators, open the embedded store. */
    private Definitions prepare() {
        Map<String, String> files = config.formsDir().map(FormSource::directory).orElseGet(FormSource::classpath);
        ShippedForms shipped = ShippedForms.load(files);
        IndicatorCatalog indicators = IndicatorLoader.load(files, shipped.forms());
        if (config.embedded()) {
            embedded = EmbeddedMongo.start(config.dataDir(), config.embeddedFsync());
        } else if (config.security().jwtKeys().isEmpty()) {
            // holds only the generated signing keys then, owner-only all the same
            DataDirectory.prepare(config.dataDir());
        }
        return new Definitions(shipped, indicators, SigningKeys.load(config.security().jwtKeys(), config.dataDir()));
    }

    private Router router(Definitions definitions, SubmissionStore submissions, Access access, PollService polls, Accounts accounts) {
        FormCatalog catalog = forms.catalog();
        stream = new IndicatorStream(vertx, indicators.service(), indicators.aggregator());
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        Hardening.mount(router, config.security().corsOrigins(), config.security().requestTimeoutMillis());
        router.route().handler(new RequestBodies(config.maxBodyBytes()));
        new HealthRoutes(submissions::ping, embedded == null ? Optional::empty : embedded::problem,
                embedded == null ? "mongodb" : "embedded", catalog.forms().size(), indicators::health).mount(router);
        new MetricsRoutes(metrics()).mount(router);
        new AuthRoutes(accounts, access, id -> catalog.form(id) != null, audit).mount(router);
        forms.mount(router, access);
        new SubmissionRoutes(catalog, forms::draftForm, new SubmissionService(submissions, indicators.aggregator(), lifecycle.counted(),
                lifecycle.lifecycle(), catalog, audit), config.maxBatchItems(), config.maxWeight(), access).mount(router);
        lifecycle.mount(router, catalog, access);
        new AuditRoutes(audit, access).mount(router);
        new ExportRoutes(vertx, mongo, embedded == null ? null
                : (after, limit, filter) -> embedded.readAfter(config.database(), "submissions", after, limit, filter),
                catalog, indicators.service(), access, lifecycle.counted(), ExportScope.BY_ROLE, ExportAudit.into(audit), exportMetrics)
                .mount(router); // before the indicator routes: /indicators/export.csv is not an indicator
        TargetStore targets = new TargetStore(mongo);
        new IndicatorRoutes(indicators, stream, access, audit, targets).mount(router);
        new CalibrationRoutes(targets, catalog, access, audit).mount(router);
        new ReleaseRoutes(new ReleaseService(vertx, mongo, indicators.service()), access).mount(router);
        new PollRoutes(polls, catalog, access, config.security().publicUrl(), config.security().pollResponsesPerMinute(), audit)
                .mount(router);
        new WebRoutes(vertx).mount(router);
        FailureHandler failures = new FailureHandler(config.maxBodyBytes());
        router.route().failureHandler(failures::handle);
        router.errorHandler(404, failures::handle);
        router.errorHandler(405, failures::handle);
        return router;
    }

    private PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        indicators.bindTo(registry);
        exportMetrics.bindTo(registry);
        return registry;
    }

    /** Request bodies are inflated by {@link RequestBodies}, within the body limit, not by Netty. */
    private Future<HttpServer> listen(Router router) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true)
                .setDecompressionSupported(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS);
        return vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(new InvalidRequests())
                .listen().onSuccess(s -> server = s)
                .recover(e -> Future.failedFuture(isAddressInUse(e) ? new IllegalStateException("port " + config.port() + " on "
                        + config.host() + " is already in use, perhaps by another Tonle: stop it, or set TONLE_PORT to a free port", e) : e));
    }

    private static boolean isAddressInUse(Throwable e) {
        return e instanceof java.net.BindException || String.valueOf(e.getMessage()).contains("Address already in use");
    }

    @Override
    public Future<?> stop() {
        if (forms != null) {
            forms.stop();
        }
        if (lifecycle != null) {
            lifecycle.stop();
        }
        if (stream != null) {
            stream.stop();
        }
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        Future<Void> closeHttp = server == null ? Future.succeededFuture() : server.close();
        return closeHttp
                .compose(v -> indicators == null ? Future.succeededFuture() : indicators.stop())
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
