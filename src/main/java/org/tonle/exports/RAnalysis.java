package org.tonle.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tonle.forms.QuestionType;
import org.tonle.indicators.Indicator;
import org.tonle.indicators.IndicatorCatalog;

/**
 * The pack's analysis.R: reads data.csv, labels the answers as factors (in {@code lab}, English
 * or Khmer), declares the form's sample design with R's survey package (strata, villages as PSUs,
 * nest = TRUE, a lonely PSU adjusted), and estimates every indicator of the form nationally and
 * by each declared breakdown as Tonle does, into estimates.csv, then compares them with Tonle's
 * published figures in indicators.csv. The helper functions come from a file kept beside this class
 * (exports/analysis-runtime.R); the rest is written from the form.
 */
final class RAnalysis {

    private static final String RUNTIME = runtime();

    private final Columns columns;
    private final List<Indicator> indicators;
    private final IndicatorCatalog catalog;
    private final Snapshot snapshot;
    private final RExpressions expressions;

    RAnalysis(Columns columns, List<Indicator> indicators, IndicatorCatalog catalog, Snapshot snapshot) {
        this.columns = columns;
        this.indicators = indicators;
        this.catalog = catalog;
        this.snapshot = snapshot;
        this.expressions = new RExpressions(columns);
    }

    String write() {
        StringBuilder r = new StringBuilder();
        r.append("# Tonle analysis pack: ").append(snapshot.form().id()).append(", every submission received up to ")
                .append(snapshot.asOf()).append('\n');
        r.append("""
                # Rscript analysis.R [folder of the pack] [en|km]
                # Reads data.csv, labels it (the data frame lab: answers as factors, in English or Khmer), declares the
                # form's sample design, estimates every indicator of the form as Tonle does (estimates.csv), and
                # compares them with Tonle's published figures at export time (indicators.csv).
                suppressMessages(library(survey))
                options(survey.lonely.psu = "adjust")
                args <- commandArgs(trailingOnly = TRUE)
                here <- if (length(args) > 0) args[1] else "."
                lang <- if (length(args) > 1) args[2] else "en"
                d <- read.csv(file.path(here, "data.csv"), colClasses = "character", na.strings = "", encoding = "UTF-8",
                              check.names = FALSE)
                """);
        conversions(r);
        r.append('\n').append(RUNTIME).append('\n');
        labels(r);
        r.append("""

                # ---- The sample design ------------------------------------------------------------------------
                des <- svydesign(ids = ~tl_psu, strata = ~tl_stratum, weights = ~tl_weight, nest = TRUE, data = d)

                # ---- Every indicator of the form ----------------------------------------------------------------
                est <- list()
                """);
        indicators.forEach(i -> indicator(r, i));
        r.append(COMPARE);
        return r.toString();
    }

    /** Numbers as numbers, logical calculations as logical; the design's columns copied under names nothing else uses. */
    private void conversions(StringBuilder r) {
        List<String> numbers = new ArrayList<>();
        List<String> logicals = new ArrayList<>();
        for (Columns.Column c : columns.all()) {
            if (c.numeric() || c.kind() == Columns.Kind.ANSWER && expressions.typeOf(c.question()) == RExpressions.Type.NUMBER) {
                numbers.add(RExpressions.string(c.variable()));
            } else if (c.kind() == Columns.Kind.ANSWER && c.question().type() == QuestionType.CALCULATE
                    && expressions.typeOf(c.question()) == RExpressions.Type.LOGICAL) {
                logicals.add(RExpressions.string(c.variable()));
            }
        }
        r.append("for (v in c(").append(String.join(", ", numbers)).append(")) d[[v]] <- as.numeric(d[[v]])\n");
        if (!logicals.isEmpty()) {
            r.append("for (v in c(").append(String.join(", ", logicals)).append(")) d[[v]] <- d[[v]] == \"true\"\n");
        }
        r.append("d$tl_id <- d$").append(variable(Columns.Kind.INSTANCE_ID)).append('\n');
        r.append("d$tl_weight <- d$").append(variable(Columns.Kind.WEIGHT)).append('\n');
        r.append("d$tl_stratum <- d$").append(variable(Columns.Kind.STRATUM)).append('\n');
        r.append("d$tl_psu <- d$").append(variable(Columns.Kind.PSU)).append('\n');
        r.append("d$tl_household <- d$").append(variable(Columns.Kind.HOUSEHOLD)).append('\n');
    }

    private String variable(Columns.Kind kind) {
        return columns.of(kind).variable();
    }

    /** lab: d with every single-choice answer as a factor labelled in the chosen language, and variable labels. */
    private void labels(StringBuilder r) {
        r.append("# ---- Labels: lab is d with answers as factors (codes stay in d, where the indicators read them) ----\n");
        r.append("lab <- d\n");
        for (String lang : List.of("en", "km")) {
            r.append("value_labels_").append(lang).append(" <- list(\n");
            List<String> entries = new ArrayList<>();
            for (Codebook.Variable v : Codebook.of(columns)) {
                if (v.column().kind() == Columns.Kind.ANSWER && !v.values().isEmpty()
                        && v.column().question().type() == QuestionType.SELECT_ONE) {
                    entries.add("  " + RExpressions.string(v.column().variable()) + " = c(" + v.values().stream()
                            .map(x -> RExpressions.string(x.code()) + " = " + RExpressions.string(Columns.labelOf(x.label(), lang)))
                            .collect(Collectors.joining(", ")) + ")");
                }
            }
            r.append(String.join(",\n", entries)).append(")\n");
            r.append("variable_labels_").append(lang).append(" <- c(\n").append(Codebook.of(columns).stream()
                    .map(v -> "  " + RExpressions.string(v.column().variable()) + " = " + RExpressions.string(Columns.labelOf(v.label(), lang)))
                    .collect(Collectors.joining(",\n"))).append(")\n");
        }
        r.append("""
                value_labels <- if (lang == "km") value_labels_km else value_labels_en
                variable_labels <- if (lang == "km") variable_labels_km else variable_labels_en
                for (v in names(value_labels)) lab[[v]] <- factor(d[[v]], levels = names(value_labels[[v]]), labels = unname(value_labels[[v]]))
                for (v in names(variable_labels)) attr(lab[[v]], "label") <- variable_labels[[v]]
                """);
    }

    private void indicator(StringBuilder r, Indicator i) {
        Indicator base = i.kind().derived() ? catalog.get(i.comparison().of()) : i;
        r.append("\n# ").append(i.id()).append(": ").append(Columns.labelOf(i.title(), "en")).append('\n');
        r.append("member <- ").append(condition(base.universe())).append(" & ").append(condition(base.denominator())).append('\n');
        if (base.kind() == Indicator.Kind.MEAN) {
            r.append("y <- ifelse(member, tl_n(").append(expressions.of(base.value())).append("), 0)\n");
            r.append("member <- member & !is.na(y)\ny[is.na(y)] <- 0\n");
        } else {
            r.append("y <- as.numeric(member & tl_t(").append(expressions.of(base.numerator())).append("))\n");
        }
        String breakdowns = breakdowns(i);
        String factor = Cells.number(i.factor());
        String id = RExpressions.string(i.id());
        if (i.kind().derived()) {
            Indicator.Comparison c = i.comparison();
            r.append("est[[length(est) + 1]] <- tl_contrast(des, ").append(id).append(", member, y, ")
                    .append(RExpressions.string(dimension(c.dimension()))).append(", ").append(RExpressions.string(c.first())).append(", ")
                    .append(RExpressions.string(c.second())).append(", ").append(breakdowns).append(", ")
                    .append(i.kind() == Indicator.Kind.RATIO ? "TRUE" : "FALSE").append(", ").append(factor).append(")\n");
        } else if (i.perHousehold() && catalog.design(columns.form().id()) != null) {
            r.append("est[[length(est) + 1]] <- tl_household_estimate(d, ").append(id).append(", member, y, ").append(breakdowns)
                    .append(", ").append(factor).append(")\n");
        } else {
            r.append("est[[length(est) + 1]] <- tl_estimate(des, ").append(id).append(", member, y, ").append(breakdowns).append(", ")
                    .append(i.kind() == Indicator.Kind.PROPORTION ? "TRUE" : "FALSE").append(", ").append(factor).append(")\n");
        }
    }

    private String condition(org.tonle.expr.Expression e) {
        return e == null ? "tl_rep(TRUE)" : "tl_t(" + expressions.of(e) + ")";
    }

    /** The national figure and every declared breakdown, as lists of variable names. */
    private String breakdowns(Indicator i) {
        List<String> all = new ArrayList<>(List.of("character(0)"));
        for (List<String> by : i.disaggregations()) {
            all.add("c(" + by.stream().map(d -> RExpressions.string(dimension(d))).collect(Collectors.joining(", ")) + ")");
        }
        return "list(" + String.join(", ", all) + ")";
    }

    private String dimension(String question) {
        List<Columns.Column> cols = columns.ofQuestion(question);
        return cols.isEmpty() ? question : cols.get(0).variable();
    }

    private static final String COMPARE = """

            # ---- Estimates, and Tonle's published figures beside them --------------------------------------
            out <- do.call(rbind, est)
            write.csv(out, file.path(here, "estimates.csv"), row.names = FALSE)
            pub <- read.csv(file.path(here, "indicators.csv"), colClasses = "character", na.strings = "", encoding = "UTF-8")
            pub$key <- ifelse(is.na(pub$value_2), ifelse(is.na(pub$value_1), "", pub$value_1), paste(pub$value_1, pub$value_2, sep = "|"))
            pub$breakdown[is.na(pub$breakdown)] <- ""
            both <- merge(pub[pub$suppressed == "false", c("indicator", "breakdown", "key", "value", "se")], out,
                          by = c("indicator", "breakdown", "key"), suffixes = c("_tonle", "_r"))
            gap <- max(c(0, abs(as.numeric(both$value_tonle) - as.numeric(both$value_r)), abs(as.numeric(both$se_tonle) - as.numeric(both$se_r))))
            cat(sprintf("%d estimates written to estimates.csv; %d published cells compared with indicators.csv, largest difference %.3g\\n",
                        nrow(out), nrow(both), gap))
            """;

    private static String runtime() {
        try (InputStream in = RAnalysis.class.getResourceAsStream("/exports/analysis-runtime.R")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
