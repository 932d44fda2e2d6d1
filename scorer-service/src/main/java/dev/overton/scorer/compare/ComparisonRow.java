package dev.overton.scorer.compare;

/**
 * The difference {@code b − a} of one metric for one variant pair. Undefined figures are {@code null} (no shared or no
 * values on one side: everything but the counts; one pair: the interval).
 *
 * @param variantA the variant of run a
 * @param variantB the variant of run b
 * @param metric the metric
 * @param paired whether the difference is paired over shared prompts (false when the runs share no prompt)
 * @param n prompts the difference rests on: pairs when paired, {@code nA + nB} when not
 * @param nA prompts of run a used
 * @param nB prompts of run b used
 * @param meanA mean of run a over those prompts
 * @param meanB mean of run b over those prompts
 * @param difference {@code meanB − meanA}
 * @param ciLow lower bound of the 95% percentile bootstrap interval (resampling prompts)
 * @param ciHigh upper bound
 * @param p two-sided permutation p-value
 * @param exactP whether {@code p} enumerated every rearrangement
 * @param q Benjamini–Hochberg q-value over all rows of the answer that have a p-value
 * @param significant {@code q ≤ 0.05}
 * @param direction the difference in the metric's words ("less diverse", "closer to the aligned model", "no
 *     change", ...)
 * @param worse whether the difference points the metric's worse way (whatever its significance)
 * @param worseWhen which way is worse for this metric: {@code higher}, {@code lower}, or {@code null} when neither
 */
public record ComparisonRow(
        String variantA,
        String variantB,
        String metric,
        boolean paired,
        int n,
        int nA,
        int nB,
        Double meanA,
        Double meanB,
        Double difference,
        Double ciLow,
        Double ciHigh,
        Double p,
        boolean exactP,
        Double q,
        boolean significant,
        String direction,
        boolean worse,
        String worseWhen) {}
