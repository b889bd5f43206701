package org.tonle.exports;

import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each export is recorded. There is no audit log yet: exports are logged. An audit log
 * implements this and is handed to {@link Exports}.
 */
public interface ExportAudit {

    /**
     * One export: who, what ({@code formId}, or {@code indicators}), the format, the filters, the
     * snapshot moment, rows written, and how it ended ({@code complete}, {@code client_gone}, {@code failed}).
     */
    record Entry(String username, String role, String what, String format, Map<String, String> filters, Instant asOf, long rows,
            String outcome) {}

    void record(Entry entry);

    ExportAudit LOG = new ExportAudit() {
        private final Logger log = LoggerFactory.getLogger(ExportAudit.class);

        @Override
        public void record(Entry e) {
            log.info("export of {} as {} by {} ({}): {} rows as of {}, {}; filters {}", e.what(), e.format(), e.username(), e.role(),
                    e.rows(), e.asOf(), e.outcome(), e.filters());
        }
    };
}
