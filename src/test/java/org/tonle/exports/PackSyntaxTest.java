package org.tonle.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.forms.Form;
import org.tonle.forms.FormLoader;
import org.tonle.forms.TestForms;

/**
 * Stata and SPSS are not here to run the pack's labels.do and labels.sps, so: one small form's
 * files are compared with golden copies checked by hand against the two tools' manuals, and every
 * shipped form's files are held to the templates they are written from (each line a command of a
 * known shape, names valid in the tool, labels within its limits).
 */
class PackSyntaxTest {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern STATA_QUOTED = Pattern.compile("`\"[^`$\"]*(\\\\\\$[^`$\"]*)*\"'");
    private static final List<Pattern> STATA_LINES = List.of(
            Pattern.compile("\\* .*"),
            Pattern.compile("version 14"),
            Pattern.compile("import delimited using \"data\\.csv\", varnames\\(1\\) case\\(preserve\\) encoding\\(\"utf-8\"\\) stringcols\\(_all\\) clear"),
            Pattern.compile("destring( " + NAME + ")+, replace"),
            Pattern.compile("label define " + NAME + "( [0-9]+ " + STATA_QUOTED + ")+, replace"),
            Pattern.compile("tempvar t"),
            Pattern.compile("encode " + NAME + ", generate\\(`t'\\) label\\(" + NAME + "\\)"),
            Pattern.compile("drop " + NAME),
            Pattern.compile("rename `t' " + NAME),
            Pattern.compile("label language (en, rename|km, new|en)"),
            Pattern.compile("label variable " + NAME + " " + STATA_QUOTED),
            Pattern.compile("label values " + NAME + " " + NAME),
            Pattern.compile("egen long tonle_(psu|stratum) = group\\(" + NAME + "\\)"),
            Pattern.compile("svyset tonle_psu \\[pweight = " + NAME + "\\], strata\\(tonle_stratum\\) singleunit\\(centered\\)"));

    @Test
    @DisplayName("the golden form's labels.do and labels.sps are exactly the hand-checked copies")
    void golden() throws IOException {
        Form form = FormLoader.load(Map.of("golden.yaml", resource("golden.yaml"))).get("golden");
        Snapshot snapshot = new Snapshot(form, Instant.parse("2026-12-02T03:00:00Z"), request());
        List<Codebook.Variable> variables = Codebook.of(Columns.of(form, List.of(), true));
        String stata = StataLabels.write(variables, snapshot);
        String spss = SpssLabels.write(variables, snapshot, "en");
        Files.createDirectories(Path.of("target", "golden"));
        Files.writeString(Path.of("target", "golden", "golden-labels.do"), stata);
        Files.writeString(Path.of("target", "golden", "golden-labels.sps"), spss);
        assertThat(stata).isEqualTo(resource("golden-labels.do"));
        assertThat(spss).isEqualTo(resource("golden-labels.sps"));
    }

    @Test
    @DisplayName("every shipped form's labels.do is made only of the template's commands, with valid names and quoted labels")
    void stataTemplate() {
        for (Form form : TestForms.load().values()) {
            for (boolean split : List.of(true, false)) {
                Columns columns = Columns.of(form, List.of(), split);
                String text = StataLabels.write(Codebook.of(columns), new Snapshot(form, Instant.now(), request()));
                for (String line : text.split("\n")) {
                    assertThat(STATA_LINES).as("%s: %s", form.id(), line).anyMatch(p -> p.matcher(line).matches());
                    if (line.startsWith("label variable")) {
                        String label = line.substring(line.indexOf("`\"") + 2, line.lastIndexOf("\"'"));
                        assertThat(label.codePointCount(0, label.length())).isLessThanOrEqualTo(StataLabels.VARIABLE_LABEL_MAX);
                    }
                }
                columns.all().forEach(c -> assertThat(c.variable()).matches(NAME));
            }
        }
    }

    @Test
    @DisplayName("every shipped form's labels.sps is made only of the template's commands, each ended, with strings within SPSS's limits")
    void spssTemplate() {
        Set<String> commands = Set.of("SET", "GET", "DATASET", "RECODE", "EXECUTE.", "DELETE", "RENAME", "MATCH", "VARIABLE", "VALUE",
                "WEIGHT", "CSPLAN");
        for (Form form : TestForms.load().values()) {
            Columns columns = Columns.of(form, List.of(), true);
            for (String lang : List.of("en", "km")) {
                String text = SpssLabels.write(Codebook.of(columns), new Snapshot(form, Instant.now(), request()), lang).substring(1);
                for (String command : text.split("\\.\n")) {
                    String first = command.strip().split("[ \n]")[0];
                    assertThat(first.equals("*") || commands.contains(first) || commands.contains(first + ".")).as("%s: %s", form.id(), command)
                            .isTrue();
                }
                for (String line : text.split("\n")) {
                    assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(251);
                    assertThat(line.chars().filter(c -> c == '\'').count() % 2).as("quotes pair up: %s", line).isZero();
                }
                assertThat(text).endsWith("/ESTIMATOR TYPE=WR.\n");
            }
        }
    }

    @Test
    @DisplayName("variable names: a letter first, no trailing underscore, 32 characters, no reserved word, unique ignoring case")
    void names() {
        VariableNames names = new VariableNames();
        assertThat(names.name("_id")).isEqualTo("v_id");
        assertThat(names.name("in")).isEqualTo("v_in");
        assertThat(names.name("15-24")).isEqualTo("v_15_24");
        assertThat(names.name("age_")).isEqualTo("age");
        assertThat(names.name("AGE")).isEqualTo("AGE_2");
        assertThat(names.name("str20")).isEqualTo("v_str20");
        assertThat(names.name("ict_skills/verify_information_online")).isEqualTo("ict_skills_verify_information_on");
        assertThat(names.name("ict_skills/verify_information_online_too")).isEqualTo("ict_skills_verify_information_2");
    }

    private static ExportRequest request() {
        return new ExportRequest("values", Set.copyOf(ReviewStates.ALL), null, null, false, null, Set.of(), true);
    }

    private static String resource(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/exports", name), StandardCharsets.UTF_8);
    }
}
