package org.tonle.indicators;

import java.util.Map;

/** One published cell: its key (dimension to value), its estimate, and whether it is suppressed and why. */
public record Cell(Map<String, String> key, Estimate estimate, boolean lowPrecision, Disclosure.Reason suppressedBecause) {

    public boolean suppressed() {
        return suppressedBecause != null;
    }
}
