package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.tonle.audit.Audit;
import org.tonle.auth.Actors;
import org.tonle.forms.FormCatalog;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorService;
import org.tonle.indicators.Precision;
import org.tonle.indicators.Score;

/**
 * Every published indicator by every breakdown it declares, one row per cell, as CSV or a
 * workbook: the estimate with its SE, interval, counts, design effect, degrees of freedom and
 * flag, its titles in both languages, and the groups named in both. A withheld cell has no numbers
 * at all, only its reason: never a 0 that could be read as a value. {@code ?form=} keeps one form's
 * indicators; {@code ?precision=all} shows imprecise cells as the indicator API does.
 */
final class IndicatorTables {

    private final Vertx vertx;
    private final IndicatorService service;
    private final FormCatalog forms;
    private final ExportAudit audit;

    IndicatorTables(Vertx vertx, IndicatorService service, FormCatalog forms, ExportAudit audit) {
        this.vertx = vertx;
        this.service = service;
        this.forms = forms;
        this.audit = audit;
    }

    void export(RoutingContext ctx, boolean xlsx) {
        String form = ctx.queryParams().get("form");
        Precision precision = "all".equals(ctx.queryParams().get("precision")) ? Precision.DEFAULT.showingEverything() : Precision.DEFAULT;
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Indicator> chosen = service.catalog().all().stream().filter(i -> form == null || IndicatorRows.formOf(service.catalog(), i)
                .equals(form)).toList();
        Audit.Actor who = Actors.of(ctx);
        scores(service, chosen, precision).compose(scores -> vertx.executeBlocking(() -> {
            List<List<Object>> rows = IndicatorRows.of(scores, service.catalog(), forms::form);
            return xlsx ? workbook(rows, asOf) : csv(rows, true);
        }, false)).onSuccess(bytes -> {
            String stem = "indicators_" + asOf.toString().replace(":", "").replaceAll("\\.[0-9]+Z$", "Z");
            audit.record(new ExportAudit.Entry(who, "indicators", xlsx ? "xlsx" : "csv",
                    ExportRoutes.filters(ctx), asOf, bytes.rows(), "complete"));
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, xlsx ? ExportRoutes.Format.XLSX.contentType : ExportRoutes.Format.CSV.contentType)
                    .putHeader("Content-Disposition", "attachment; filename=\"" + stem + (xlsx ? ".xlsx" : ".csv") + "\"")
                    .putHeader("X-Tonle-Snapshot", asOf.toString())
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(bytes.buffer());
        }).onFailure(ctx::fail);
    }

    /** Every indicator's score nationally and by each breakdown it declares, in catalogue order. */
    static Future<List<Score>> scores(IndicatorService service, Collection<Indicator> indicators, Precision precision) {
        List<Future<Score>> all = new ArrayList<>();
        for (Indicator i : indicators) {
            all.add(service.score(i, List.of(), precision));
            i.disaggregations().forEach(by -> all.add(service.score(i, by, precision)));
        }
        return Future.all(all).map(done -> all.stream().map(Future::result).toList());
    }

    /** A file and how many cells it holds. */
    record Written(Buffer buffer, long rows) {}

    static Written csv(List<List<Object>> rows, boolean bom) throws IOException {
        Chunks out = new Chunks();
        if (bom) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            for (List<Object> row : rows) {
                for (Object cell : row) {
                    csv.print(Cells.text(cell));
                }
                csv.println();
            }
        }
        return new Written(out.take(), rows.size() - 1);
    }

    private static Written workbook(List<List<Object>> rows, Instant asOf) throws IOException {
        Chunks out = new Chunks();
        Workbook workbook = new Workbook(out, "Tonle", "1.0");
        Worksheet ws = workbook.newWorksheet("indicators");
        List<Object> header = rows.get(0);
        WorkbookSheets.header(ws, header.stream().map(String::valueOf).toArray(String[]::new), IndicatorRows.widths());
        for (int r = 1; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                if (cell instanceof Double d) {
                    ws.value(r, c, d);
                } else if (cell != null && !cell.toString().isEmpty()) {
                    ws.value(r, c, cell.toString());
                }
            }
        }
        ws.finish();
        WorkbookSheets.lines(workbook.newWorksheet("export"), List.of(new String[] {"as_of", asOf.toString()},
                new String[] {"cells", Integer.toString(rows.size() - 1)}));
        workbook.finish();
        return new Written(out.take(), rows.size() - 1);
    }
}
