package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.overton.metrics.stats.BootstrapInterval;
import dev.overton.metrics.stats.BootstrapInterval.Estimate;

/**
 * Aggregates a run's per-prompt values: per variant and metric the mean over prompts with a bootstrap interval, and
 * for every non-reference variant the paired difference to the reference variant (variant minus reference) over the
 * prompts both have, with its interval. For Jaccard a negative difference means the variant is more diverse than the
 * aligned reference. Plain Java, no framework; seeded, so the same values always give the same answer.
 */
public final class RunAggregator {

    private RunAggregator() {}

    /**
     * One per-prompt value to aggregate.
     *
     * @param variant the variant
     * @param metric the metric
     * @param promptId the prompt
     * @param value the value (defined)
     */
    public record PromptValue(String variant, String metric, String promptId, double value) {}

    /**
     * The mean over prompts of one metric of one variant.
     *
     * @param variant the variant
     * @param metric the metric
     * @param estimate mean, interval and number of prompts
     */
    public record MetricAggregate(String variant, String metric, Estimate estimate) {}

    /**
     * The paired difference variant minus reference of one metric.
     *
     * @param variant the variant
     * @param reference the reference variant
     * @param metric the metric
     * @param estimate mean difference, interval and number of prompts both have
     */
    public record Difference(String variant, String reference, String metric, Estimate estimate) {}

    /**
     * A run's aggregates.
     *
     * @param metrics per variant and metric, variants and metrics in name order
     * @param differences per non-reference variant and metric
     */
    public record RunAggregate(List<MetricAggregate> metrics, List<Difference> differences) {}

    /**
     * Aggregates {@code values}.
     *
     * @param referenceVariant the run's reference variant, or {@code null} (then no differences)
     */
    public static RunAggregate aggregate(List<PromptValue> values, String referenceVariant, int resamples, long seed) {
        Map<String, Map<String, Map<String, Double>>> byVariant = new TreeMap<>();
        for (PromptValue v : values) {
            byVariant
                    .computeIfAbsent(v.variant(), k -> new TreeMap<>())
                    .computeIfAbsent(v.metric(), k -> new TreeMap<>())
                    .put(v.promptId(), v.value());
        }
        List<MetricAggregate> metrics = new ArrayList<>();
        byVariant.forEach((variant, byMetric) -> byMetric.forEach((metric, byPrompt) -> {
            double[] array =
                    byPrompt.values().stream().mapToDouble(Double::doubleValue).toArray();
            metrics.add(new MetricAggregate(variant, metric, BootstrapInterval.of(array, 0.95, resamples, seed)));
        }));
        List<Difference> differences = new ArrayList<>();
        Map<String, Map<String, Double>> reference = referenceVariant == null ? null : byVariant.get(referenceVariant);
        if (reference != null) {
            byVariant.forEach((variant, byMetric) -> {
                if (variant.equals(referenceVariant)) {
                    return;
                }
                byMetric.forEach((metric, byPrompt) -> {
                    Map<String, Double> referenceByPrompt = reference.get(metric);
                    if (referenceByPrompt == null) {
                        return;
                    }
                    List<String> shared = byPrompt.keySet().stream()
                            .filter(referenceByPrompt::containsKey)
                            .toList();
                    double[] a = shared.stream().mapToDouble(byPrompt::get).toArray();
                    double[] b =
                            shared.stream().mapToDouble(referenceByPrompt::get).toArray();
                    differences.add(new Difference(
                            variant,
                            referenceVariant,
                            metric,
                            BootstrapInterval.ofDifference(a, b, 0.95, resamples, seed)));
                });
            });
        }
        return new RunAggregate(metrics, differences);
    }
}
