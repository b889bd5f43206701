package org.tonle.exports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tonle.forms.QuestionType;

/**
 * The pack's labels.sps (English) and labels_km.sps (Khmer) for SPSS Statistics in Unicode mode:
 * GET DATA reads data.csv with a format per variable, single-choice codes become numbered values
 * (RECODE … INTO, in choice order), then VARIABLE LABELS, VALUE LABELS, WEIGHT BY the design
 * weight, and, for the Complex Samples module, the design as a CSPLAN (PSUs within strata,
 * with replacement: what R and Stata are told).
 *
 * <p>Every command is one of these templates, filled only with variable names from
 * {@link VariableNames} and quoted labels ({@code '} doubled), each within SPSS's byte limits
 * (256 for a variable label, 120 for a value label) and split into {@code '…' + '…'} pieces so
 * that no line is long.
 */
final class SpssLabels {

    static final int VARIABLE_LABEL_BYTES = 255;
    static final int VALUE_LABEL_BYTES = 120;
    private static final int PIECE = 60;

    private SpssLabels() {
    }

    static String write(List<Codebook.Variable> variables, Snapshot snapshot, String lang) {
        StringBuilder s = new StringBuilder("\uFEFF");
        s.append("* Tonle analysis pack: ").append(snapshot.form().id()).append(", every submission received up to ")
                .append(snapshot.asOf()).append(".\n");
        s.append("* SPSS Statistics in Unicode mode: CD to the folder of the pack, then run all of this file.\n");
        s.append("SET UNICODE=ON.\n");
        read(s, variables);
        List<Codebook.Variable> coded = variables.stream().filter(SpssLabels::coded).toList();
        recode(s, coded, variables);
        s.append("VARIABLE LABELS\n");
        List<String> labels = new ArrayList<>();
        variables.forEach(v -> labels.add(v.column().variable() + " " + quoted(Columns.labelOf(v.label(), lang), VARIABLE_LABEL_BYTES)));
        s.append("  ").append(String.join("\n  /", labels)).append(".\n");
        valueLabels(s, variables, lang);
        String weight = variable(variables, Columns.Kind.WEIGHT);
        s.append("* WEIGHT BY treats the design weight as a frequency: for standard errors use the plan below.\n");
        s.append("WEIGHT BY ").append(weight).append(".\n");
        s.append("* With the Complex Samples module: the sample design (villages as PSUs within strata, with replacement).\n");
        s.append("CSPLAN ANALYSIS\n  /PLAN FILE='tonle.csaplan'\n  /PLANVARS ANALYSISWEIGHT=").append(weight)
                .append("\n  /DESIGN STRATA=").append(variable(variables, Columns.Kind.STRATUM)).append(" CLUSTER=")
                .append(variable(variables, Columns.Kind.PSU)).append("\n  /ESTIMATOR TYPE=WR.\n");
        return s.toString();
    }

    private static void read(StringBuilder s, List<Codebook.Variable> variables) {
        s.append("GET DATA\n  /TYPE=TXT\n  /FILE='data.csv'\n  /ENCODING='UTF8'\n  /DELCASE=LINE\n  /DELIMITERS=\",\"\n")
                .append("  /QUALIFIER='\"'\n  /ARRANGEMENT=DELIMITED\n  /FIRSTCASE=2\n  /VARIABLES=\n");
        variables.forEach(v -> s.append("    ").append(v.column().variable()).append(' ').append(format(v.column())).append('\n'));
        s.append(".\nDATASET NAME tonle.\n");
    }

    static String format(Columns.Column c) {
        return switch (c.kind()) {
            case WEIGHT -> "F20.10";
            case CHOICE -> "F1.0";
            case COLLECTED_AT, RECEIVED_AT -> "A40";
            case REVIEW_STATE -> "A16";
            case ANSWER -> switch (c.question().type()) {
                case INTEGER -> "F12.0";
                case DECIMAL -> "F20.6";
                case SELECT_ONE -> "A64";
                case TEXT -> "A6000";
                case DATE -> "A10";
                default -> "A2048";
            };
            default -> "A128";
        };
    }

    private static boolean coded(Codebook.Variable v) {
        return v.column().kind() == Columns.Kind.ANSWER && v.column().question().type() == QuestionType.SELECT_ONE && !v.values().isEmpty();
    }

    /** Single-choice codes to numbers 1, 2, … in choice order, under the same names, in the same column order. */
    private static void recode(StringBuilder s, List<Codebook.Variable> coded, List<Codebook.Variable> all) {
        if (coded.isEmpty()) {
            return;
        }
        for (int k = 0; k < coded.size(); k++) {
            List<Codebook.Value> values = coded.get(k).values();
            s.append("RECODE ").append(coded.get(k).column().variable());
            for (int i = 0; i < values.size(); i++) {
                s.append("\n  (").append(quoted(values.get(i).code(), VALUE_LABEL_BYTES)).append('=').append(i + 1).append(')');
            }
            s.append("\n  (ELSE=SYSMIS) INTO tonle_n").append(k + 1).append(".\n");
        }
        s.append("EXECUTE.\nDELETE VARIABLES").append(wrapped(coded.stream().map(v -> v.column().variable()).toList())).append(".\n");
        s.append("RENAME VARIABLES");
        for (int k = 0; k < coded.size(); k++) {
            s.append("\n  (tonle_n").append(k + 1).append('=').append(coded.get(k).column().variable()).append(')');
        }
        s.append(".\nMATCH FILES /FILE=*\n  /KEEP=").append(wrapped(all.stream().map(v -> v.column().variable()).toList()))
                .append(".\nEXECUTE.\n");
    }

    /** Names, a few to a line: a command may go on over many lines, up to its period. */
    private static String wrapped(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(i % 6 == 0 ? "\n   " : "").append(' ').append(names.get(i));
        }
        return s.toString();
    }

    private static void valueLabels(StringBuilder s, List<Codebook.Variable> variables, String lang) {
        List<String> blocks = new ArrayList<>();
        for (Codebook.Variable v : variables) {
            if (coded(v)) {
                StringBuilder b = new StringBuilder(v.column().variable());
                for (int i = 0; i < v.values().size(); i++) {
                    b.append("\n    ").append(i + 1).append(' ').append(quoted(Columns.labelOf(v.values().get(i).label(), lang), VALUE_LABEL_BYTES));
                }
                blocks.add(b.toString());
            } else if (v.column().kind() == Columns.Kind.CHOICE) {
                blocks.add(v.column().variable() + " 0 " + quoted(Columns.labelOf(Codebook.NOT_SELECTED, lang), VALUE_LABEL_BYTES)
                        + " 1 " + quoted(Columns.labelOf(Codebook.SELECTED, lang), VALUE_LABEL_BYTES));
            }
        }
        if (!blocks.isEmpty()) {
            s.append("VALUE LABELS\n  ").append(String.join("\n  /", blocks)).append(".\n");
        }
    }

    private static String variable(List<Codebook.Variable> variables, Columns.Kind kind) {
        return variables.stream().filter(v -> v.column().kind() == kind).map(v -> v.column().variable()).findFirst().orElseThrow();
    }

    /** A quoted SPSS string of at most {@code maxBytes} UTF-8 bytes, in pieces joined with + so that no line is long. */
    static String quoted(String text, int maxBytes) {
        String s = fit(text.replace('\n', ' ').replace('\r', ' '), maxBytes);
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at < s.length(); ) {
            int end = s.offsetByCodePoints(at, Math.min(PIECE, s.codePointCount(at, s.length())));
            pieces.add("'" + s.substring(at, end).replace("'", "''") + "'");
            at = end;
        }
        return pieces.isEmpty() ? "''" : String.join(" +\n      ", pieces);
    }

    private static String fit(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int end = s.length();
        while (s.substring(0, end).getBytes(StandardCharsets.UTF_8).length > maxBytes - 3) {
            end = s.offsetByCodePoints(end, -1);
        }
        return s.substring(0, end) + "…";
    }
}
