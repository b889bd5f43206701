package org.tonle.exports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tonle.audit.Audit;

/** Where each export is recorded: the audit log (action {@code export}), and the server's log. */
public interface ExportAudit {

    /**
     * One export: who, what ({@code formId}, or {@code indicators}), the format, the filters, the
     * snapshot moment, rows written, and how it ended ({@code complete}, {@code client_gone}, {@code failed}).
     */
    record Entry(Audit.Actor actor, String what, String format, Map<String, String> filters, Instant asOf, long rows, String outcome) {}

    void record(Entry entry);

    /** Into the audit log; a failure to record is logged, the export itself is over by then. */
    static ExportAudit into(Audit audit) {
        Logger log = LoggerFactory.getLogger(ExportAudit.class);
        return e -> {
            log.info("export of {} as {} by {} ({}): {} rows as of {}, {}; filters {}", e.what(), e.format(), e.actor().username(),
                    e.actor().role(), e.rows(), e.asOf(), e.outcome(), e.filters());
            JsonObject filters = new JsonObject();
            e.filters().forEach(filters::put);
            audit.record(e.actor(), "export", new JsonObject().put("what", e.what()).put("format", e.format()), null,
                    new JsonObject().put("filters", filters).put("asOf", e.asOf().toString()).put("rows", e.rows()).put("outcome", e.outcome()))
                    .onFailure(x -> log.warn("The export of {} by {} could not be written to the audit log: {}", e.what(), e.actor().username(),
                            x.toString()));
        };
    }
}
