package org.tonle.forms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads an XLSForm workbook into Tonle's definition language: the survey sheet (questions and
 * groups), choices, settings, and Tonle's own indicators sheet. What XLSForm has and Tonle has not
 * (repeats, media, choice filters, metadata questions, required messages, …) is refused at its cell,
 * with the reason; every problem of the workbook is reported at once. The columns are listed in
 * the README ("Authoring a form in Excel").
 */
final class XlsFormReader {

    /** The definition as a YAML tree (null when the workbook could not be read), the problems, and where things were. */
    record Result(ObjectNode tree, java.util.List<LocatedProblem> problems, XlsLocations locations) {}

    static final String SURVEY = "survey";
    static final String CHOICES = "choices";
    static final String SETTINGS = "settings";
    static final String INDICATORS = "indicators";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SIMPLE_TYPES = Set.of("integer", "decimal", "text", "date", "note", "calculate");
    private static final Map<String, String> UNSUPPORTED_SHEETS = Map.of(
            "external_choices", "Tonle has no external choice lists; put the choices on the choices sheet",
            "entities", "Tonle has no entities");

    private final XlsProblems problems = new XlsProblems();
    private final XlsLocations locations = new XlsLocations();
    private final Set<String> languages = new LinkedHashSet<>();
    private String defaultLanguage = "en";

    private XlsFormReader() {
    }

    static Result read(byte[] bytes) {
        XlsFormReader reader = new XlsFormReader();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            ObjectNode tree = reader.read(workbook);
            return new Result(tree, reader.problems.list(), reader.locations);
        } catch (Exception e) { // not a workbook, encrypted, damaged or a zip bomb: all the author can do is save it again
            reader.problems.list().clear();
            reader.problems.list().add(new LocatedProblem(null, 0, null, 0, 0, "workbook", Text.of(
                    "the file could not be read as an Excel workbook (.xlsx): save it again from Excel or LibreOffice as"
                            + " an Excel workbook, without a password",
                    "ឯកសារនេះមិនអាចអានជាសៀវភៅបញ្ជី Excel (.xlsx) បានទេ៖ សូមរក្សាទុកវាម្ដងទៀតពី Excel ឬ LibreOffice ជាសៀវភៅបញ្ជី"
                            + " Excel ដោយគ្មានពាក្យសម្ងាត់")));
            return new Result(null, reader.problems.list(), reader.locations);
        }
    }

    private ObjectNode read(Workbook workbook) {
        XlsSheet survey = sheet(workbook, SURVEY, true);
        XlsSheet choices = sheet(workbook, CHOICES, false);
        XlsSheet settings = sheet(workbook, SETTINGS, true);
        XlsSheet indicators = sheet(workbook, INDICATORS, false);
        for (Sheet s : workbook) {
            String reason = UNSUPPORTED_SHEETS.get(s.getSheetName().strip().toLowerCase(Locale.ROOT));
            if (reason != null && s.getPhysicalNumberOfRows() > 0) {
                problems.add(s.getSheetName(), 0, null, "the sheet '" + s.getSheetName() + "' is not supported: " + reason,
                        "សន្លឹក '" + s.getSheetName() + "' មិនត្រូវបានគាំទ្រទេ");
            }
        }
        if (survey == null || settings == null) {
            return null;
        }
        for (XlsSheet s : new XlsSheet[] {survey, choices, settings, indicators}) {
            if (s != null) {
                s.columns().stream().filter(c -> c.language() != null).forEach(c -> languages.add(c.language()));
            }
        }
        ObjectNode root = NODES.objectNode();
        XlsSettingsReader.read(settings, root, languages, problems, locations);
        defaultLanguage = root.path("default_language").asText("en");
        root.remove("default_language");
        if (languages.isEmpty()) {
            languages.add(defaultLanguage);
        }
        XlsSettingsReader.languages(settings, root, languages, problems, defaultLanguage);
        root.set("questions", survey(survey));
        if (choices != null) {
            root.set("choices", new XlsChoicesReader(choices, problems, locations, defaultLanguage).read());
        }
        if (indicators != null) {
            root.set("indicators", new XlsIndicatorsReader(indicators, problems, locations, defaultLanguage).read());
        }
        return root;
    }

    private XlsSheet sheet(Workbook workbook, String name, boolean required) {
        for (Sheet s : workbook) {
            if (s.getSheetName().strip().equalsIgnoreCase(name)) {
                XlsSheet sheet = new XlsSheet(s.getSheetName(), s, problems);
                locations.sheet(name, sheet);
                return sheet;
            }
        }
        if (required) {
            problems.add(name, 0, null, "the workbook has no '" + name + "' sheet; an XLSForm needs survey and settings sheets"
                    + " (and choices for select questions)", "សៀវភៅបញ្ជីមិនមានសន្លឹក '" + name + "' ទេ។ XLSForm ត្រូវការសន្លឹក survey"
                    + " និង settings (និង choices សម្រាប់សំណួរជ្រើសរើស)");
        }
        return null;
    }

    private ArrayNode survey(XlsSheet sheet) {
        XlsQuestionRow rows = new XlsQuestionRow(sheet, problems, defaultLanguage);
        ArrayNode top = NODES.arrayNode();
        Deque<ArrayNode> open = new ArrayDeque<>();
        Deque<Integer> openedAt = new ArrayDeque<>();
        open.push(top);
        for (int row = sheet.firstDataRow(); row <= sheet.lastRow(); row++) {
            if (sheet.emptyRow(row, problems)) {
                continue;
            }
            XlsQuestionRow.Kind kind = rows.kind(row);
            switch (kind) {
                case END_GROUP -> {
                    if (open.size() == 1) {
                        problems.add(sheet.name, row, sheet.column("type").letter(), "'end group' without a 'begin group' before it",
                                "'end group' គ្មាន 'begin group' នៅពីមុខវាទេ");
                    } else {
                        open.pop();
                        openedAt.pop();
                    }
                }
                case BEGIN_GROUP -> {
                    ObjectNode group = rows.group(row);
                    locations.question(group.path("name").asText(), row);
                    open.peek().add(group);
                    open.push((ArrayNode) group.get("questions"));
                    openedAt.push(row);
                }
                case QUESTION -> {
                    ObjectNode question = rows.question(row);
                    locations.question(question.path("name").asText(), row);
                    open.peek().add(question);
                }
                default -> {
                    // refused by rows.kind, at its cell
                }
            }
        }
        for (int row : openedAt) {
            problems.add(sheet.name, row, sheet.column("type").letter(), "this 'begin group' has no 'end group'",
                    "'begin group' នេះគ្មាន 'end group' ទេ");
        }
        return top;
    }

    static boolean isSimpleType(String type) {
        return SIMPLE_TYPES.contains(type);
    }
}
