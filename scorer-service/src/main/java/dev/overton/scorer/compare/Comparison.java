package dev.overton.scorer.compare;

import java.util.List;

import dev.overton.scorer.catalog.RunTitle;

/**
 * The answer of {@code GET /compare}: every (variant pair, metric) row of {@code b − a}, with the statistics used.
 *
 * @param a run a's id
 * @param b run b's id
 * @param titleA run a's name and label (both {@code null} when its record has not reached the scorer)
 * @param titleB run b's name and label
 * @param variantsA run a's variants (those with values), in name order
 * @param variantsB run b's variants (those with values), in name order
 * @param pairs the variant pairs compared, in the order of the rows
 * @param statistics how the figures were computed
 * @param rows one per variant pair and metric
 */
public record Comparison(
        String a,
        String b,
        RunTitle titleA,
        RunTitle titleB,
        List<String> variantsA,
        List<String> variantsB,
        List<VariantPair> pairs,
        Statistics statistics,
        List<ComparisonRow> rows) {

    /** This comparison with the runs' names and labels. */
    public Comparison titled(RunTitle titleOfA, RunTitle titleOfB) {
        return new Comparison(a, b, titleOfA, titleOfB, variantsA, variantsB, pairs, statistics, rows);
    }

    /**
     * A variant of run a compared with a variant of run b.
     *
     * @param a the variant of run a
     * @param b the variant of run b
     */
    public record VariantPair(String a, String b) {}

    /**
     * How the figures were computed (docs/api.md, "GET /compare").
     *
     * @param level confidence level of the intervals
     * @param resamples bootstrap resamples per interval
     * @param permutations random rearrangements per p-value when not all are enumerated
     * @param exactUpTo rearrangements enumerated exactly up to this many
     * @param seed the random seed
     * @param fdr the false discovery rate at which a row is significant (q ≤ fdr)
     * @param interval the interval's method
     * @param pairedTest the p-value's method for paired rows
     * @param unpairedTest the p-value's method for unpaired rows
     * @param multipleTesting how p-values become q-values
     */
    public record Statistics(
            double level,
            int resamples,
            int permutations,
            int exactUpTo,
            long seed,
            double fdr,
            String interval,
            String pairedTest,
            String unpairedTest,
            String multipleTesting) {}
}
