package org.tonle.forms;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each question, group, choice and indicator of a workbook was written, so that a problem the
 * form loader finds (it knows only names and keys) is shown at its sheet, row and column.
 */
final class XlsLocations implements DraftCheck.Locator {

    private static final Map<String, String> SETTINGS_COLUMNS = Map.of("id", "form_id", "version", "version", "title", "form_title",
            "description", "description", "languages", "translation_status", "restricted_export", "restricted_export");
    private static final Map<String, String> SURVEY_COLUMNS = Map.of("choices", "type", "override", "name");

    private final Map<String, XlsSheet> sheets = new HashMap<>();
    private final Map<String, Integer> questions = new HashMap<>();
    private final Map<String, Integer> choices = new HashMap<>();
    private final Map<String, Integer> lists = new HashMap<>();
    private final Map<String, Integer> indicators = new HashMap<>();

    void sheet(String name, XlsSheet sheet) {
        sheets.put(name, sheet);
    }

    void question(String name, int row) {
        questions.putIfAbsent(name, row);
    }

    void choice(String list, String value, int row) {
        choices.put(list + "\n" + value, row); // a value given twice: the later row is the one to change
        lists.putIfAbsent(list, row);
    }

    void indicator(String id, int row) {
        indicators.putIfAbsent(id, row);
    }

    @Override
    public LocatedProblem locate(DefinitionProblem p) {
        DefinitionProblem.Subject s = p.subject();
        String where = ProblemTexts.where(p);
        Text message = ProblemTexts.translate(p);
        return switch (s.kind()) {
            case QUESTION, GROUP -> at(XlsFormReader.SURVEY, questions.getOrDefault(s.name(), 0),
                    SURVEY_COLUMNS.getOrDefault(p.key(), p.key() == null ? "name" : p.key()), where, message);
            case CHOICE_LIST -> at(XlsFormReader.CHOICES, lists.getOrDefault(s.name(), 0), "list_name", where, message);
            case CHOICE -> at(XlsFormReader.CHOICES, choices.getOrDefault(s.name() + "\n" + s.item(), lists.getOrDefault(s.name(), 0)),
                    "value".equals(p.key()) ? "name" : p.key(), where, message);
            case INDICATOR -> indicator(s.name(), p.message());
            case FORM -> "questions".equals(p.key()) ? at(XlsFormReader.SURVEY, 0, null, where, message)
                    : at(XlsFormReader.SETTINGS, 2, settingsColumn(p.key()), where, message);
        };
    }

    @Override
    public LocatedProblem indicator(String id, String message) {
        String key = message.replaceFirst("^indicator '[^']*': '?", "").split("[ :']", 2)[0];
        Integer row = id == null ? null : indicators.get(id);
        return at(XlsFormReader.INDICATORS, row == null ? 0 : row, key, id == null ? "indicators" : "indicator '" + id + "'",
                ProblemTexts.indicator(message));
    }

    private static String settingsColumn(String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("::", 2);
        String column = SETTINGS_COLUMNS.getOrDefault(parts[0], parts[0]);
        return parts.length == 2 ? column + "::" + parts[1] : column;
    }

    /** A cell, if the sheet has the column (a language column by its code: "label::km"); else the row. */
    private LocatedProblem at(String sheetName, int row, String key, String where, Text message) {
        XlsSheet sheet = sheets.get(sheetName);
        String name = sheet == null ? sheetName : sheet.name;
        String letter = null;
        if (sheet != null && key != null) {
            XlsSheet.Column column = sheet.column(key);
            if (column == null && !key.contains("::")) {
                column = sheet.columns().stream().filter(c -> c.base().equals(key)).findFirst().orElse(null);
            }
            letter = column == null ? null : column.letter();
        }
        return new LocatedProblem(name, row, letter, 0, 0, where, message);
    }
}
