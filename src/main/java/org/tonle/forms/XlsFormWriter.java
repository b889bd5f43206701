package org.tonle.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a form as an XLSForm workbook that {@link XlsFormReader} reads back into the same
 * definition: survey (an included fragment such as the profile written out in place), choices,
 * settings, and the form's own indicators. Every cell is text, so codes such as "01" stay as typed.
 */
final class XlsFormWriter {

    private final List<String> languages;
    private final Sheet survey;
    private final List<String> surveyColumns = new ArrayList<>();

    private XlsFormWriter(XSSFWorkbook workbook, Form form) {
        this.languages = List.copyOf(form.languages().keySet());
        this.survey = workbook.createSheet(XlsFormReader.SURVEY);
        surveyColumns.addAll(List.of("type", "name"));
        surveyColumns.addAll(languageColumns("label"));
        surveyColumns.addAll(languageColumns("hint"));
        surveyColumns.addAll(List.of("required", "relevant", "constraint"));
        surveyColumns.addAll(languageColumns("constraint_message"));
        surveyColumns.addAll(List.of("calculation", "consent", "sensitive"));
    }

    static byte[] write(Form form, JsonNode indicators) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XlsFormWriter writer = new XlsFormWriter(workbook, form);
            header(writer.survey, writer.surveyColumns);
            writer.nodes(form.layout());
            writer.choices(workbook.createSheet(XlsFormReader.CHOICES), form);
            writer.settings(workbook.createSheet(XlsFormReader.SETTINGS), form);
            if (indicators != null && indicators.isArray() && !indicators.isEmpty()) {
                XlsIndicatorsWriter.write(workbook.createSheet(XlsFormReader.INDICATORS), indicators);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void nodes(List<FormNode> nodes) {
        for (FormNode node : nodes) {
            if (node instanceof FormNode.Group g) {
                Map<String, String> cells = new java.util.HashMap<>(Map.of("type", "begin group", "name", g.name()));
                texts(cells, "label", g.label());
                put(cells, "relevant", g.relevant() == null ? null : g.relevant().source());
                row(survey, surveyColumns, cells);
                nodes(g.children());
                row(survey, surveyColumns, Map.of("type", "end group"));
            } else {
                FormNode.QuestionNode qn = (FormNode.QuestionNode) node;
                Question q = qn.question();
                Map<String, String> cells = new java.util.HashMap<>();
                cells.put("type", q.type().hasChoices() ? q.type().code() + " " + q.choiceListName() : q.type().code());
                cells.put("name", q.name());
                texts(cells, "label", q.label());
                texts(cells, "hint", q.hint());
                put(cells, "required", q.required() ? "yes" : null);
                put(cells, "relevant", qn.relevant() == null ? null : qn.relevant().source());
                put(cells, "constraint", q.constraint() == null ? null : q.constraint().source());
                texts(cells, "constraint_message", q.constraintMessage());
                put(cells, "calculation", q.calculation() == null ? null : q.calculation().source());
                put(cells, "consent", q.consent() ? "yes" : null);
                put(cells, "sensitive", q.sensitive() ? "yes" : null);
                row(survey, surveyColumns, cells);
            }
        }
    }

    private void choices(Sheet sheet, Form form) {
        List<String> columns = new ArrayList<>(List.of("list_name", "name"));
        columns.addAll(languageColumns("label"));
        columns.add("exclusive");
        header(sheet, columns);
        form.choiceLists().forEach((list, choices) -> choices.forEach(c -> {
            Map<String, String> cells = new java.util.HashMap<>(Map.of("list_name", list, "name", c.value()));
            texts(cells, "label", c.label());
            put(cells, "exclusive", c.exclusive() ? "yes" : null);
            row(sheet, columns, cells);
        }));
    }

    private void settings(Sheet sheet, Form form) {
        List<String> columns = new ArrayList<>(List.of("form_id", "version", "default_language"));
        columns.addAll(languageColumns("form_title"));
        if (form.description() != null) {
            columns.addAll(languageColumns("description"));
        }
        columns.addAll(languageColumns("translation_status"));
        columns.add("restricted_export");
        form.design().keySet().forEach(key -> columns.add("design_" + key));
        header(sheet, columns);
        String defaultLanguage = languages.contains("km") ? "km" : languages.get(0);
        Map<String, String> cells = new java.util.HashMap<>(Map.of("form_id", form.id(), "version", form.version(),
                "default_language", languageHeader(defaultLanguage)));
        texts(cells, "form_title", form.title());
        texts(cells, "description", form.description());
        form.languages().forEach((lang, status) -> cells.put("translation_status::" + languageHeader(lang),
                status.name().toLowerCase(Locale.ROOT)));
        put(cells, "restricted_export", form.restrictedExport() ? "yes" : null);
        form.design().forEach((key, expression) -> put(cells, "design_" + key, expression));
        row(sheet, columns, cells);
    }

    private List<String> languageColumns(String base) {
        return languages.stream().map(l -> base + "::" + languageHeader(l)).toList();
    }

    private void texts(Map<String, String> cells, String base, Text text) {
        if (text != null) {
            languages.forEach(l -> put(cells, base + "::" + languageHeader(l), text.get(l)));
        }
    }

    /** "Khmer (km)", as XLSForm names a language. */
    static String languageHeader(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return (name.isEmpty() ? code : name) + " (" + code + ")";
    }

    private static void put(Map<String, String> cells, String key, String value) {
        if (value != null) {
            cells.put(key, value);
        }
    }

    static void header(Sheet sheet, List<String> columns) {
        row(sheet, columns, columns.stream().collect(java.util.stream.Collectors.toMap(Function.identity(), Function.identity())));
        sheet.createFreezePane(0, 1);
        for (int i = 0; i < columns.size(); i++) {
            sheet.setColumnWidth(i, (columns.get(i).contains("::") || columns.get(i).equals("relevant") ? 40 : 16) * 256);
        }
    }

    static void row(Sheet sheet, List<String> columns, Map<String, String> cells) {
        Row row = sheet.createRow(sheet.getPhysicalNumberOfRows());
        for (int i = 0; i < columns.size(); i++) {
            String value = cells.get(columns.get(i));
            if (value != null) {
                row.createCell(i).setCellValue(value);
            }
        }
    }
}
