package org.tonle.forms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small XLSForm workbooks written by tests, as an author would type them in Excel. */
public final class Workbooks {

    private final XSSFWorkbook workbook = new XSSFWorkbook();

    public static Workbooks create() {
        return new Workbooks();
    }

    /** A sheet from rows of cells; the first row is the header; null leaves a cell empty; "=…" is a formula. */
    public Workbooks sheet(String name, List<List<String>> rows) {
        Sheet sheet = workbook.createSheet(name);
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            List<String> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                String value = cells.get(c);
                if (value != null && value.startsWith("=")) {
                    row.createCell(c).setCellFormula(value.substring(1));
                } else if (value != null) {
                    row.createCell(c).setCellValue(value);
                }
            }
        }
        return this;
    }

    public byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            workbook.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A market survey in English and Khmer: a group with skip logic, a constraint, choices with an exclusive one. */
    public static Workbooks marketSurvey(String version) {
        return create()
                .sheet("survey", List.of(
                        List.of("type", "name", "label::English (en)", "label::Khmer (km)", "required", "relevant", "constraint",
                                "constraint_message::English (en)", "constraint_message::Khmer (km)"),
                        List.of("select_one yes_no", "sells_online", "Do you sell online?", "តើអ្នកលក់តាមអនឡាញដែរឬទេ?", "yes"),
                        row("begin group", "online", "Selling online", "ការលក់តាមអនឡាញ", null, "${sells_online} = 'yes'"),
                        List.of("select_multiple channels", "channels", "Where do you sell?", "តើអ្នកលក់នៅឯណា?", "yes"),
                        row("integer", "orders", "Orders last week", "ការបញ្ជាទិញកាលពីសប្ដាហ៍មុន", "yes", null, ". >= 0 and . <= 10000",
                                "From 0 to 10,000.", "ពី ០ ដល់ ១០,០០០។"),
                        List.of("end group"),
                        List.of("text", "comment", "Anything else?", "មានអ្វីផ្សេងទៀតទេ?")))
                .sheet("choices", List.of(
                        List.of("list_name", "name", "label::English (en)", "label::Khmer (km)", "exclusive"),
                        List.of("yes_no", "yes", "Yes", "បាទ/ចាស"),
                        List.of("yes_no", "no", "No", "ទេ"),
                        List.of("channels", "facebook", "Facebook", "ហ្វេសប៊ុក"),
                        List.of("channels", "telegram", "Telegram", "តេឡេក្រាម"),
                        List.of("channels", "none", "None of these", "គ្មាន", "yes")))
                .sheet("settings", List.of(
                        List.of("form_id", "version", "default_language", "form_title::English (en)", "form_title::Khmer (km)",
                                "translation_status::English (en)", "translation_status::Khmer (km)"),
                        List.of("market-survey", version, "Khmer (km)", "Market survey", "ការស្ទង់មតិទីផ្សារ", "reviewed", "draft")));
    }

    /** A row with empty cells where null is given (List.of refuses null). */
    public static List<String> row(String... cells) {
        return java.util.Arrays.asList(cells);
    }
}
