package org.tonle.indicators;

/**
 * When a published estimate is too imprecise to trust (questionnaires.md §6, after DHS and OECD
 * practice): flagged with fewer than {@link #FLAG_N} respondents, or an effective sample below
 * {@link #FLAG_N}, or a coefficient of variation above {@link #flagCv}; withheld above
 * {@link #suppressCv} unless the reader asks for every cell. The CV applies to proportions and means
 * that are not 0, not to ratios and differences (whose CV near zero means nothing).
 */
public record Precision(double flagCv, double suppressCv, boolean showImprecise) {

    static final int FLAG_N = 50;

    public static final Precision DEFAULT = new Precision(0.33, 0.50, false);

    public Precision showingEverything() {
        return new Precision(flagCv, suppressCv, true);
    }

    /** Whether the estimate is withheld for its imprecision. */
    boolean withheld(Estimate e) {
        return !showImprecise && e.cv() != null && e.cv() > suppressCv;
    }

    /** The flag of a published estimate, or null. */
    Cell.Flag flag(Estimate e, boolean useCv) {
        Double cv = useCv ? e.cv() : null;
        if (cv != null && cv > suppressCv) {
            return Cell.Flag.VERY_LOW_PRECISION;
        }
        boolean fewRespondents = e.n() < FLAG_N || (e.nEff() != null && e.nEff() < FLAG_N);
        return fewRespondents || (cv != null && cv > flagCv) ? Cell.Flag.LOW_PRECISION : null;
    }
}
