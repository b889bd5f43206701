package org.tonle.indicators;

/**
 * Sufficient statistics of one cell, all additive, so they can be summed per submission, per
 * batch, across server processes and shards: n (unweighted count), sy (unweighted sum of y: the
 * count with the attribute for a proportion), and the weighted sums Σw, Σwy, Σw², Σw²y, Σwy², Σw²y².
 */
public record Stats(long n, double sy, double w, double wy, double w2, double w2y, double wy2, double w2y2) {

    public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0);

    /** One respondent with design weight {@code weight} and value {@code y} (0 or 1 for a proportion). */
    public static Stats of(double weight, double y) {
        double w2 = weight * weight;
        return new Stats(1, y, weight, weight * y, w2, w2 * y, weight * y * y, w2 * y * y);
    }

    public Stats plus(Stats o) {
        return new Stats(n + o.n, sy + o.sy, w + o.w, wy + o.wy, w2 + o.w2, w2y + o.w2y, wy2 + o.wy2, w2y2 + o.w2y2);
    }

    public Stats minus(Stats o) {
        return new Stats(n - o.n, sy - o.sy, w - o.w, wy - o.wy, w2 - o.w2, w2y - o.w2y, wy2 - o.wy2, w2y2 - o.w2y2);
    }

    /** Whether every sum is a finite number: the tables never hold anything else. */
    public boolean finite() {
        return Double.isFinite(sy) && Double.isFinite(w) && Double.isFinite(wy) && Double.isFinite(w2) && Double.isFinite(w2y)
                && Double.isFinite(wy2) && Double.isFinite(w2y2);
    }

    /** Respondents without the attribute (for a proportion). */
    public double without() {
        return n - sy;
    }
}
