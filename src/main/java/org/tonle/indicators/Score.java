package org.tonle.indicators;

import java.util.List;

/**
 * An indicator's national estimate and its cells for one breakdown, with the weights they were
 * estimated with: the design weights ({@code calibration} null) or calibrated ones.
 */
public record Score(Indicator indicator, List<String> by, Cell national, List<Cell> cells, Calibration calibration) {

    public Score(Indicator indicator, List<String> by, Cell national, List<Cell> cells) {
        this(indicator, by, national, cells, null);
    }
}
