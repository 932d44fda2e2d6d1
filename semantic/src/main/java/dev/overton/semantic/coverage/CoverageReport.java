package dev.overton.semantic.coverage;

import dev.overton.metrics.diversity.MetricValue;

/**
 * Overton coverage for one prompt: how much of what N base responses say between them one aligned response says,
 * against how much one base response says of what the other base responses say.
 *
 * @param alignedCoverage share of all base sentences matched (cosine at or above the threshold) by some sentence of
 *     the aligned response; in [0, 1], higher = the aligned answer aggregates more of the base answers
 * @param baseSelfCoverage mean over base responses of the share of the <em>other</em> base responses' sentences it
 *     matches; in [0, 1]; the yardstick: what one sample of the base distribution covers of the rest
 * @param baseSentences number of base sentences (all responses)
 * @param alignedSentences number of sentences in the aligned response
 * @param threshold cosine threshold used
 */
public record CoverageReport(
        MetricValue alignedCoverage,
        MetricValue baseSelfCoverage,
        int baseSentences,
        int alignedSentences,
        double threshold) {

    /** Measure names as served by the scorer. */
    public static final String ALIGNED = "overton_coverage_aligned";

    public static final String BASE_SELF = "overton_coverage_base_self";
}
