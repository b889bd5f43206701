package org.tonle.indicators;

import java.util.List;

/** An indicator's national estimate and its cells for one breakdown. */
public record Score(Indicator indicator, List<String> by, Cell national, List<Cell> cells) {
}
