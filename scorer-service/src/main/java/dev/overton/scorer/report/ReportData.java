package dev.overton.scorer.report;

import java.time.Instant;
import java.util.List;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.scoring.RunAggregator;
import dev.overton.scorer.tokenshift.TokenShiftSummary;

/**
 * Everything the report page shows about one run, read from the scorer's database: plain data, so that the page can be
 * rendered (and tested, and screenshotted) without a database.
 *
 * @param runId the run
 * @param reference the reference (aligned) variant, or {@code null} when no set of it arrived yet
 * @param variants the variants in display order (others by name, then the reference)
 * @param aggregate the run's aggregates, as served by {@code GET /runs/{id}/scores}
 * @param promptValues one value per (variant, metric, prompt), the input of the aggregates
 * @param distributions coverage and judge values, each stored value (per set, per sample or per pair)
 * @param recovery the latest recovery verdict received from icl-service, or {@code null}
 * @param promptIds the run's prompts that reached the scorer, in prompt order
 * @param resamples bootstrap resamples of the intervals
 * @param seed bootstrap seed of the intervals
 * @param renderedAt when the data was read
 * @param tokenShift the run's token shift, or {@code null} when it asked for none
 */
public record ReportData(
        String runId,
        String reference,
        List<VariantSummary> variants,
        RunAggregator.RunAggregate aggregate,
        List<RunAggregator.PromptValue> promptValues,
        List<DistributionValue> distributions,
        RecoveryReport recovery,
        List<String> promptIds,
        int resamples,
        long seed,
        Instant renderedAt,
        TokenShiftSummary tokenShift) {

    /** The data of a run without a token-shift measure. */
    public ReportData(
            String runId,
            String reference,
            List<VariantSummary> variants,
            RunAggregator.RunAggregate aggregate,
            List<RunAggregator.PromptValue> promptValues,
            List<DistributionValue> distributions,
            RecoveryReport recovery,
            List<String> promptIds,
            int resamples,
            long seed,
            Instant renderedAt) {
        this(
                runId,
                reference,
                variants,
                aggregate,
                promptValues,
                distributions,
                recovery,
                promptIds,
                resamples,
                seed,
                renderedAt,
                null);
    }

    /** This data with the run's token shift. */
    public ReportData withTokenShift(TokenShiftSummary summary) {
        return new ReportData(
                runId,
                reference,
                variants,
                aggregate,
                promptValues,
                distributions,
                recovery,
                promptIds,
                resamples,
                seed,
                renderedAt,
                summary);
    }

    /**
     * One variant and how many of its sets reached the scorer.
     *
     * @param name the variant
     * @param reference whether it is the run's reference
     * @param generated sets generated
     * @param failed sets whose generation failed
     */
    public record VariantSummary(String name, boolean reference, long generated, long failed) {}

    /**
     * One stored value drawn as part of a distribution.
     *
     * @param variant the variant
     * @param metric the metric
     * @param promptId the prompt
     * @param sample the sample, or {@code null} for a set value
     * @param value the value (defined)
     */
    public record DistributionValue(String variant, String metric, String promptId, Integer sample, double value) {}

    /** The variants' names in display order. */
    public List<String> variantNames() {
        return variants.stream().map(VariantSummary::name).toList();
    }
}
