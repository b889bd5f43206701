package org.tonle.exports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tonle.forms.Form;

/**
 * What an export holds, said in the file: the form, the moment of its snapshot (every submission
 * received up to then and selected by the filters, none received after), the filters, the rows.
 */
record Snapshot(Form form, Instant asOf, ExportRequest request) {

    /** Name and value lines: the workbook's export sheet and the pack's README. */
    List<String[]> lines(long rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"form", form.id()});
        lines.add(new String[] {"title_en", Columns.labelOf(form.title(), "en")});
        lines.add(new String[] {"title_km", Columns.labelOf(form.title(), "km")});
        lines.add(new String[] {"current_version", form.version()});
        lines.add(new String[] {"as_of", asOf.toString()});
        lines.add(new String[] {"rows", Long.toString(rows)});
        lines.add(new String[] {"states", String.join(",", new TreeSet<>(request.states()))});
        lines.add(new String[] {"since", request.since() == null ? "" : request.since().toString()});
        lines.add(new String[] {"until", request.until() == null ? "" : request.until().toString()});
        lines.add(new String[] {"dates", request.byReceived() ? "receivedAt" : "collectedAt (receivedAt where none)"});
        lines.add(new String[] {"version", request.version() == null ? "" : request.version()});
        lines.add(new String[] {"province", String.join(",", request.provinces())});
        lines.add(new String[] {"multiple", request.split() ? "split" : "joined"});
        lines.add(new String[] {"restricted_export", Boolean.toString(form.restrictedExport())});
        return lines;
    }

    /** A file name for this export: form and moment, e.g. digital-literacy_2026-12-02T031500Z. */
    String fileStem() {
        return form.id() + "_" + asOf.toString().replace(":", "").replaceAll("\\.[0-9]+Z$", "Z");
    }
}
