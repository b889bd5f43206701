package org.tonle.indicators;

/**
 * What one cell of a table needs to be published, whichever weights estimate it: its design-weighted
 * statistics (which disclosure control decides on) and its estimate, alone or against another cell
 * of the same table. Implemented by {@link Estimator.Domain} (design weights) and {@link CalibratedDomain}.
 */
interface CellData {

    /** The cell's sufficient statistics with the design weights. */
    Stats stats();

    /** A proportion (y in {0,1}) or a mean, multiplied by {@code factor}. */
    Estimate estimate(boolean proportion, double factor);

    /** This cell over {@code other} (a ratio) or this minus {@code other} (a difference), multiplied by {@code factor}. */
    Estimate contrast(CellData other, boolean ratio, double factor);
}
