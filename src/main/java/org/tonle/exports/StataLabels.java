package org.tonle.exports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pack's labels.do for Stata 14 or later (which reads UTF-8, so Khmer labels show): reads
 * data.csv, makes numbers numeric, turns each single-choice answer into numbered values labelled
 * in English and in Khmer (Stata's label languages: {@code label language km} switches), labels
 * every variable, and declares the design with {@code svyset}: PSUs within strata, the weight as a
 * probability weight, a stratum's lone PSU centred as R's {@code survey.lonely.psu = "adjust"} does.
 *
 * <p>Every line is one of a few command templates, filled only with variable names from
 * {@link VariableNames}, value-label names built the same way, and labels made safe for Stata's
 * compound quotes (no {@code `} or {@code $}, which would start a macro, and at most 80 characters
 * for a variable label).
 */
final class StataLabels {

    static final int VARIABLE_LABEL_MAX = 80;

    private StataLabels() {
    }

    static String write(List<Codebook.Variable> variables, Snapshot snapshot) {
        StringBuilder s = new StringBuilder();
        s.append("* Tonle analysis pack: ").append(snapshot.form().id()).append(", every submission received up to ")
                .append(snapshot.asOf()).append("\n* Stata 14 or later: do labels.do (in the folder of the pack)\n");
        s.append("version 14\nimport delimited using \"data.csv\", varnames(1) case(preserve) encoding(\"utf-8\") stringcols(_all) clear\n");
        List<String> numbers = variables.stream().filter(v -> v.column().numeric()).map(v -> v.column().variable()).toList();
        if (!numbers.isEmpty()) {
            s.append("destring ").append(String.join(" ", numbers)).append(", replace\n");
        }
        Map<String, Codebook.Variable> coded = coded(variables);
        coded.forEach((variable, v) -> encode(s, variable, v));
        for (String lang : List.of("en", "km")) {
            s.append(lang.equals("en") ? "label language en, rename\n" : "label language km, new\n");
            labels(s, variables, coded, lang);
        }
        s.append("label language en\n");
        s.append("* the sample design: villages (PSUs) within strata, the design weight\n");
        s.append("egen long tonle_psu = group(").append(designVariable(variables, Columns.Kind.PSU)).append(")\n");
        s.append("egen long tonle_stratum = group(").append(designVariable(variables, Columns.Kind.STRATUM)).append(")\n");
        s.append("svyset tonle_psu [pweight = ").append(designVariable(variables, Columns.Kind.WEIGHT))
                .append("], strata(tonle_stratum) singleunit(centered)\n");
        return s.toString();
    }

    /** The single-choice answers, which become numbered values: by variable name. */
    private static Map<String, Codebook.Variable> coded(List<Codebook.Variable> variables) {
        Map<String, Codebook.Variable> coded = new LinkedHashMap<>();
        for (Codebook.Variable v : variables) {
            if (v.column().kind() == Columns.Kind.ANSWER && !v.values().isEmpty() && !v.column().numeric()
                    && v.column().question().type() == org.tonle.forms.QuestionType.SELECT_ONE) {
                coded.put(v.column().variable(), v);
            }
        }
        return coded;
    }

    /** Codes to numbers 1, 2, … in choice order: a value label whose texts are the codes, then encode with it. */
    private static void encode(StringBuilder s, String variable, Codebook.Variable v) {
        String codes = labelName(variable, "c");
        s.append("label define ").append(codes).append(' ').append(numbered(v.values(), null)).append(", replace\n");
        s.append("tempvar t\nencode ").append(variable).append(", generate(`t') label(").append(codes).append(")\n");
        s.append("drop ").append(variable).append("\nrename `t' ").append(variable).append('\n');
    }

    private static void labels(StringBuilder s, List<Codebook.Variable> variables, Map<String, Codebook.Variable> coded, String lang) {
        for (Codebook.Variable v : variables) {
            String label = Columns.labelOf(v.label(), lang);
            s.append("label variable ").append(v.column().variable()).append(' ').append(quoted(cut(label))).append('\n');
        }
        for (Codebook.Variable v : variables) {
            boolean split = v.column().kind() == Columns.Kind.CHOICE;
            if (coded.containsKey(v.column().variable()) || split) {
                String name = labelName(v.column().variable(), lang);
                String values = split ? "0 " + quoted(Columns.labelOf(Codebook.NOT_SELECTED, lang)) + " 1 "
                        + quoted(Columns.labelOf(Codebook.SELECTED, lang)) : numbered(v.values(), lang);
                s.append("label define ").append(name).append(' ').append(values).append(", replace\n");
                s.append("label values ").append(v.column().variable()).append(' ').append(name).append('\n');
            }
        }
    }

    private static String numbered(List<Codebook.Value> values, String lang) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            Codebook.Value value = values.get(k);
            parts.add((k + 1) + " " + quoted(lang == null ? value.code() : Columns.labelOf(value.label(), lang)));
        }
        return String.join(" ", parts);
    }

    /** A value label's name: the variable's, with a suffix, within Stata's 32 characters. */
    static String labelName(String variable, String suffix) {
        String tail = "_" + suffix;
        return variable.substring(0, Math.min(variable.length(), VariableNames.MAX - tail.length())) + tail;
    }

    private static String designVariable(List<Codebook.Variable> variables, Columns.Kind kind) {
        return variables.stream().filter(v -> v.column().kind() == kind).map(v -> v.column().variable()).findFirst().orElseThrow();
    }

    /** Stata's compound quotes, which take any text but a macro start. */
    static String quoted(String text) {
        String safe = text.replace('`', '\'').replace("$", "\\$").replace("\"'", "\" '").replace('\n', ' ').replace('\r', ' ');
        return "`\"" + safe + "\"'";
    }

    static String cut(String label) {
        return label.codePointCount(0, label.length()) <= VARIABLE_LABEL_MAX ? label
                : label.substring(0, label.offsetByCodePoints(0, VARIABLE_LABEL_MAX - 1)) + "…";
    }
}
