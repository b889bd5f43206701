package org.tonle.forms;

import io.vertx.core.json.JsonObject;
import org.tonle.http.Responses;
import org.tonle.submissions.FieldProblem;

/**
 * A problem of an uploaded definition where its author will look for it: a cell of an XLSForm
 * (sheet, row, column as Excel shows them), or a line and column of a YAML file, or at least what
 * it is about ({@code where}); the reason in English and Khmer.
 */
public record LocatedProblem(String sheet, int row, String column, int line, int lineColumn, String where, Text message) {

    public static LocatedProblem cell(String sheet, int row, String column, String where, String en, String km) {
        return new LocatedProblem(sheet, row, column, 0, 0, where, Text.of(en, km));
    }

    /** "survey!C12", "survey row 12", "choices" (a sheet as a whole), "line 6, column 4", or what it is about. */
    public String place() {
        if (sheet != null) {
            return row <= 0 ? sheet : column == null ? sheet + " row " + row : sheet + "!" + column + row;
        }
        if (line > 0) {
            return "line " + line + ", column " + lineColumn;
        }
        return where == null ? "" : where;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (sheet != null) {
            json.put("sheet", sheet);
            if (row > 0) {
                json.put("row", row);
            }
            if (column != null) {
                json.put("column", column);
            }
            if (row > 0 && column != null) {
                json.put("cell", sheet + "!" + column + row);
            }
        }
        if (line > 0) {
            json.put("line", line).put("column", lineColumn);
        }
        if (where != null) {
            json.put("where", where);
        }
        return json.put("message", Responses.text(message));
    }

    static LocatedProblem fromJson(JsonObject json) {
        JsonObject m = json.getJsonObject("message");
        boolean yamlLine = json.containsKey("line");
        return new LocatedProblem(json.getString("sheet"), json.getInteger("row", 0), yamlLine ? null : json.getString("column"),
                json.getInteger("line", 0), yamlLine ? json.getInteger("column", 0) : 0, json.getString("where"),
                Text.of(m.getString("en"), m.getString("km")));
    }

    public FieldProblem toFieldProblem() {
        return new FieldProblem(place(), "definition", message);
    }
}
