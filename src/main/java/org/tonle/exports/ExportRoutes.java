package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.audit.Audit;
import org.tonle.auth.Access;
import org.tonle.auth.Actors;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.RequestIds;
import org.tonle.indicators.IndicatorService;
import org.tonle.submissions.CountedStates;

/**
 * Getting the data out: a form's submissions as CSV, as an Excel workbook, or as an analysis pack
 * for R, Stata and SPSS; and every indicator's published table as CSV or a workbook. An export is
 * streamed ({@link ExportStream}), so it has no time limit (see org.tonle.http.Hardening) and its
 * first bytes leave at once; an error after they have left can no longer be an error response,
 * so the connection is reset and the client sees a download cut short, never a complete-looking file.
 */
public final class ExportRoutes {

    private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
    /** Who may export a form's submissions: supervisors their team's ({@link ExportScope}). */
    static final Role[] ROLES = {Role.SUPERVISOR, Role.ANALYST, Role.ADMIN};
    /** Who may export the live indicator tables (supervisors and viewers read releases). */
    static final Role[] TABLE_ROLES = {Role.ANALYST, Role.ADMIN};

    enum Format {
        CSV("csv", "text/csv; charset=utf-8", "values"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "en"),
        ZIP("zip", "application/zip", "values");

        final String extension;
        final String contentType;
        final String defaultLang;

        Format(String extension, String contentType, String defaultLang) {
            this.extension = extension;
            this.contentType = contentType;
            this.defaultLang = defaultLang;
        }
    }

    private final Vertx vertx;
    private final MongoClient mongo;
    private final FormCatalog catalog;
    private final IndicatorService indicators;
    private final Access access;
    private final CountedStates counted;
    private final ExportScope scope;
    private final ExportAudit audit;
    private final ExportMetrics metrics;
    private final LocalReader local;

    /** @param local reads submissions in this process (the embedded store), or null: through the driver (MongoDB) */
    public ExportRoutes(Vertx vertx, MongoClient mongo, LocalReader local, FormCatalog catalog, IndicatorService indicators, Access access,
            CountedStates counted, ExportScope scope, ExportAudit audit, ExportMetrics metrics) {
        this.counted = counted;
        this.local = local;
        this.vertx = vertx;
        this.mongo = mongo;
        this.catalog = catalog;
        this.indicators = indicators;
        this.access = access;
        this.scope = scope;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Before the indicator routes: {@code /api/v1/indicators/export.csv} is not an indicator called
     * "export.csv". The token may also come as {@code ?access_token=}, as for the live stream: a
     * browser's download link cannot send a header, and a download held in page memory would not
     * do for a file of a million rows.
     */
    public void mount(Router router) {
        for (Format f : Format.values()) {
            router.get("/api/v1/forms/:formId/export." + f.extension).handler(access.allowStream(ROLES)).handler(ctx -> exportForm(ctx, f));
        }
        IndicatorTables tables = new IndicatorTables(vertx, indicators, catalog, audit);
        router.get("/api/v1/indicators/export.csv").handler(access.allowStream(TABLE_ROLES)).handler(ctx -> tables.export(ctx, false));
        router.get("/api/v1/indicators/export.xlsx").handler(access.allowStream(TABLE_ROLES)).handler(ctx -> tables.export(ctx, true));
    }

    private void exportForm(RoutingContext ctx, Format format) {
        Form current = catalog.form(ctx.pathParam("formId"));
        if (current == null) {
            throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", ctx.pathParam("formId"));
        }
        Audit.Actor who = Actors.of(ctx);
        ExportRequest request = ExportRequest.parse(ctx.queryParams(), format.defaultLang, ReviewStates.countedIn(counted, current.id()));
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        definitions(current, request.version()).compose(forms -> {
            Columns columns = Columns.of(forms.get(0), forms.subList(1, forms.size()), request.split());
            Snapshot snapshot = new Snapshot(forms.get(0), asOf, request);
            return format == Format.ZIP ? PackFiles.read(indicators, forms.get(0)).compose(scores -> stream(ctx, format, columns,
                    snapshot, new PackFiles(columns, snapshot, scores, indicators.catalog())))
                    : stream(ctx, format, columns, snapshot, null);
        }).onComplete(ar -> {
            long rows = ar.succeeded() ? ar.result() : -1;
            audit.record(new ExportAudit.Entry(who, current.id(), format.extension, filters(ctx), asOf,
                    Math.max(rows, 0), ar.succeeded() ? "complete" : ar.cause() instanceof ExportStream.ClientGone ? "client_gone" : "failed"));
            if (ar.failed()) {
                failed(ctx, ar.cause());
            }
        });
    }

    /** The form as the columns follow it: the version asked for, or the current one and every older one. */
    private Future<List<Form>> definitions(Form current, String version) {
        if (version == null) {
            return catalog.publishedVersions(current.id()).map(forms -> forms.isEmpty() ? List.of(current) : forms);
        }
        return catalog.version(current.id(), version).map(form -> {
            if (form == null) {
                throw new Problem(ProblemCode.FORM_VERSION_NOT_FOUND, Map.of("id", current.id(), "version", version), List.of());
            }
            return List.of(form);
        });
    }

    private Future<Long> stream(RoutingContext ctx, Format format, Columns columns, Snapshot snapshot, PackFiles pack) {
        JsonObject filter = SubmissionPages.filter(columns.form().id(), snapshot.asOf(), snapshot.request(),
                scope.limit(Access.principal(ctx), columns.form()));
        Chunks chunks = new Chunks();
        TableWriter writer;
        try {
            writer = switch (format) {
                case CSV -> new CsvTable(columns, chunks, false, true);
                case XLSX -> new XlsxTable(columns, snapshot, chunks);
                case ZIP -> new PackTable(columns, pack, chunks);
            };
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + snapshot.fileStem() + "." + format.extension + "\"")
                .putHeader("X-Tonle-Snapshot", snapshot.asOf().toString())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // compressed on a worker where it is worth it (workbook, pack), never by the event loop
                .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        Rows rows = new Rows(columns, snapshot.request().lang(), indicators.catalog().design(columns.form().id()));
        metrics.started();
        Pages pages = local != null ? new LocalPages(vertx, local, filter) : new SubmissionPages(mongo, filter);
        return new ExportStream(vertx, response, pages, rows, writer, chunks, metrics).run()
                .onComplete(ar -> metrics.ended());
    }

    /** Before anything was sent: an error response. After: the connection is reset, so the download is seen to fail. */
    private static void failed(RoutingContext ctx, Throwable cause) {
        if (!ctx.response().headWritten()) {
            ctx.fail(cause);
            return;
        }
        if (!(cause instanceof ExportStream.ClientGone)) {
            log.error("[{}] export failed after it had started; connection reset", RequestIds.of(ctx), cause);
        }
        ctx.response().reset();
    }

    /** What the export was asked for: its query, without a token sent as {@code access_token}. */
    static Map<String, String> filters(RoutingContext ctx) {
        Map<String, String> filters = new java.util.TreeMap<>();
        ctx.queryParams().forEach(e -> {
            if (!"access_token".equals(e.getKey())) {
                filters.put(e.getKey(), e.getValue());
            }
        });
        return filters;
    }
}
