package org.tonle.exports;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.forms.Form;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorCatalog;
import org.tonle.indicators.IndicatorService;
import org.tonle.indicators.Precision;
import org.tonle.indicators.Score;

/**
 * The files of an analysis pack besides its data: the codebook, the labels and design for Stata
 * and SPSS, the R script that estimates every indicator of the form as Tonle does, Tonle's own
 * published estimates when the export started, and a README saying what the pack holds.
 */
final class PackFiles {

    static final String DATA = "data.csv";

    private final Columns columns;
    private final Snapshot snapshot;
    private final List<Score> scores;
    private final IndicatorCatalog catalog;

    PackFiles(Columns columns, Snapshot snapshot, List<Score> scores, IndicatorCatalog catalog) {
        this.columns = columns;
        this.snapshot = snapshot;
        this.scores = scores;
        this.catalog = catalog;
    }

    /** The published scores of the form's indicators (ratios and differences of them included), as the pack reports them. */
    static Future<List<Score>> read(IndicatorService service, Form form) {
        return IndicatorTables.scores(service, indicatorsOf(service.catalog(), form.id()), Precision.DEFAULT);
    }

    static List<Indicator> indicatorsOf(IndicatorCatalog catalog, String formId) {
        return catalog.all().stream().filter(i -> IndicatorRows.formOf(catalog, i).equals(formId)).toList();
    }

    Map<String, byte[]> files(long rows) throws IOException {
        List<Codebook.Variable> variables = Codebook.of(columns);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("codebook.csv", IndicatorTables.csv(new ArrayList<>(Codebook.csvRows(variables).stream()
                .map(r -> (List<Object>) new ArrayList<Object>(r)).toList()), false).buffer().getBytes());
        files.put("labels.do", utf8(StataLabels.write(variables, snapshot)));
        files.put("labels.sps", utf8(SpssLabels.write(variables, snapshot, "en")));
        files.put("labels_km.sps", utf8(SpssLabels.write(variables, snapshot, "km")));
        files.put("analysis.R", utf8(new RAnalysis(columns, indicatorsOf(catalog, columns.form().id()), catalog, snapshot).write()));
        files.put("indicators.csv", IndicatorTables.csv(IndicatorRows.of(scores, catalog, id -> columns.form()), false).buffer().getBytes());
        files.put("README.txt", utf8(readme(rows)));
        return files;
    }

    private String readme(long rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("Tonle analysis pack\n\n");
        for (String[] line : snapshot.lines(rows)) {
            sb.append(line[0]).append(": ").append(line[1]).append('\n');
        }
        sb.append("""

                data.csv        one row per submission received up to as_of (and selected by the filters above);
                                answers as codes, column names valid in R, Stata and SPSS
                codebook.csv    every variable: label (English, Khmer), type, values and their labels, skip logic
                analysis.R      Rscript analysis.R: labels, the sample design, every indicator of the form
                                (estimates.csv), compared with indicators.csv
                labels.do       Stata 14+: do labels.do (reads data.csv, labels in English and Khmer, svyset)
                labels.sps      SPSS: English labels, WEIGHT, the Complex Samples plan; labels_km.sps in Khmer
                indicators.csv  Tonle's published estimates at as_of, withheld cells with their reason

                indicators.csv counts every submission that counted at as_of; an export with filters
                (states, dates, version, province) holds fewer, and its estimates differ accordingly.
                """);
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
