package org.tonle.indicators;

import java.util.Locale;
import java.util.Map;

/**
 * One published cell: its key (dimension to value), its estimate, its precision flag (or null),
 * and whether it is suppressed and why.
 */
public record Cell(Map<String, String> key, Estimate estimate, Flag flag, Disclosure.Reason suppressedBecause) {

    /** How far to trust a published cell (questionnaires.md §6; thresholds in {@link Precision}). */
    public enum Flag {
        /** Few respondents, a small effective sample, or a coefficient of variation above the flag limit. */
        LOW_PRECISION,
        /** A coefficient of variation above the suppression limit, shown because the analyst asked for every cell. */
        VERY_LOW_PRECISION;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean suppressed() {
        return suppressedBecause != null;
    }
}
