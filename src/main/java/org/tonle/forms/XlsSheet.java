package org.tonle.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;

/**
 * One sheet of an XLSForm: its header row read into columns ({@code label::Khmer (km)} is column
 * {@code label} in language {@code km}), and its cells read as the text Excel shows. A formula, or
 * a column Tonle does not know, is a problem at its cell.
 */
final class XlsSheet {

    private static final Pattern LANGUAGE = Pattern.compile("(.*?)\\s*\\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\\)\\s*");
    private static final java.util.Set<String> MEDIA = java.util.Set.of("media", "image", "audio", "video", "big-image");
    private static final DataFormatter FORMAT = new DataFormatter(Locale.ROOT);

    /** A column: its base name ("label"), its language code or null, its letter ("C"), and its index. */
    record Column(String base, String language, String letter, int index) {
        String key() {
            return language == null ? base : base + "::" + language;
        }
    }

    final String name;
    private final Sheet sheet;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Column> byKey = new LinkedHashMap<>();

    XlsSheet(String name, Sheet sheet, XlsProblems problems) {
        this.name = name;
        this.sheet = sheet;
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header == null) {
            return;
        }
        for (Cell cell : header) {
            String text = text(cell, problems);
            if (text == null) {
                continue;
            }
            Column column = column(text, cell.getColumnIndex(), problems);
            if (column != null) {
                columns.add(column);
                if (byKey.putIfAbsent(column.key(), column) != null) {
                    problems.add(name, 1, column.letter(), "column '" + text + "' appears twice",
                            "ជួរឈរ '" + text + "' លេចឡើងពីរដង");
                }
            }
        }
    }

    private Column column(String header, int index, XlsProblems problems) {
        String letter = CellReference.convertNumToColString(index);
        String[] parts = header.split("::", 2);
        String base = parts[0].strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (parts.length == 1) {
            return new Column(base, null, letter, index);
        }
        String language = languageCode(parts[1].strip());
        if (language == null && MEDIA.contains(base)) {
            return new Column(base, parts[1].strip(), letter, index); // refused with its reason when a row uses it
        }
        if (language == null) {
            problems.add(name, 1, letter, "column '" + header + "' must name its language with its code, such as "
                    + base + "::Khmer (km) or " + base + "::English (en)",
                    "ជួរឈរ '" + header + "' ត្រូវដាក់ឈ្មោះភាសាជាមួយលេខកូដរបស់វា ដូចជា " + base + "::Khmer (km) ឬ " + base + "::English (en)");
            return null;
        }
        return new Column(base, language, letter, index);
    }

    /** "Khmer (km)" and "km" are km; "Khmer" alone is km too when it is a language's English name. */
    static String languageCode(String language) {
        Matcher m = LANGUAGE.matcher(language);
        if (m.matches()) {
            return m.group(2).toLowerCase(Locale.ROOT);
        }
        if (language.matches("[a-z]{2,3}")) {
            return language;
        }
        for (String code : Locale.getISOLanguages()) {
            if (Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(language)) {
                return code;
            }
        }
        return null;
    }

    List<Column> columns() {
        return columns;
    }

    Column column(String key) {
        return byKey.get(key);
    }

    /** Row numbers as Excel shows them (1 is the header), first to last data row. */
    int lastRow() {
        return sheet.getLastRowNum() + 1;
    }

    int firstDataRow() {
        return sheet.getFirstRowNum() + 2;
    }

    /** The cell's text, stripped; null when empty. */
    String value(int row, Column column, XlsProblems problems) {
        Row r = sheet.getRow(row - 1);
        return r == null ? null : text(r.getCell(column.index()), problems);
    }

    boolean emptyRow(int row, XlsProblems problems) {
        for (Column c : columns) {
            if (value(row, c, XlsProblems.IGNORE) != null) {
                return false;
            }
        }
        return true;
    }

    private String text(Cell cell, XlsProblems problems) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            problems.add(name, cell.getRowIndex() + 1, CellReference.convertNumToColString(cell.getColumnIndex()),
                    "this cell holds an Excel formula; type its value instead",
                    "ក្រឡានេះមានរូបមន្ត Excel។ សូមវាយតម្លៃរបស់វាជំនួសវិញ");
            return null;
        }
        String text = type == CellType.BOOLEAN ? (cell.getBooleanCellValue() ? "true" : "false") : FORMAT.formatCellValue(cell);
        text = text.strip();
        return text.isEmpty() ? null : text;
    }
}
