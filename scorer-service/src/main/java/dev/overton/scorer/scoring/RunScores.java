package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.metrics.stats.BootstrapInterval;

/**
 * A run's aggregates as served by {@code GET /runs/{id}/scores}: per variant and metric the mean over prompts with its
 * bootstrap 95% interval, and the paired differences to the reference variant. Undefined numbers (no prompt with a
 * value, one prompt's interval) are {@code null}, never NaN.
 *
 * @param runId the run
 * @param variants per variant, its metrics by name, in the order the aggregates list them
 * @param differences variant minus reference, per variant and metric
 */
public record RunScores(String runId, List<VariantScores> variants, List<Difference> differences) {

    /**
     * One variant's metrics.
     *
     * @param name the variant
     * @param metrics estimate per metric name
     */
    public record VariantScores(String name, Map<String, Estimate> metrics) {}

    /**
     * A mean over prompts with its 95% interval.
     *
     * @param mean the mean, or {@code null} when undefined
     * @param ciLow the interval's lower bound, or {@code null}
     * @param ciHigh the interval's upper bound, or {@code null}
     * @param n the number of prompts with a defined value
     */
    public record Estimate(Double mean, Double ciLow, Double ciHigh, int n) {

        static Estimate of(BootstrapInterval.Estimate e) {
            return new Estimate(finite(e.mean()), finite(e.low()), finite(e.high()), e.n());
        }
    }

    /**
     * The paired difference of a variant to the reference for one metric.
     *
     * @param variant the variant
     * @param reference the reference variant
     * @param metric the metric
     * @param mean mean over prompts of variant minus reference, or {@code null}
     * @param ciLow lower bound of its 95% interval, or {@code null}
     * @param ciHigh upper bound, or {@code null}
     * @param n the number of prompts with both values
     */
    public record Difference(
            String variant, String reference, String metric, Double mean, Double ciLow, Double ciHigh, int n) {}

    /** The body for {@code aggregate} of run {@code runId}. */
    public static RunScores of(String runId, RunAggregator.RunAggregate aggregate) {
        Map<String, Map<String, Estimate>> variants = new LinkedHashMap<>();
        for (RunAggregator.MetricAggregate m : aggregate.metrics()) {
            variants.computeIfAbsent(m.variant(), name -> new LinkedHashMap<>())
                    .put(m.metric(), Estimate.of(m.estimate()));
        }
        List<VariantScores> variantScores = new ArrayList<>();
        variants.forEach((name, metrics) -> variantScores.add(new VariantScores(name, metrics)));
        List<Difference> differences = aggregate.differences().stream()
                .map(d -> {
                    Estimate e = Estimate.of(d.estimate());
                    return new Difference(
                            d.variant(), d.reference(), d.metric(), e.mean(), e.ciLow(), e.ciHigh(), e.n());
                })
                .toList();
        return new RunScores(runId, variantScores, differences);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
