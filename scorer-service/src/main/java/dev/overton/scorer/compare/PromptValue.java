package dev.overton.scorer.compare;

/**
 * One run's value of one metric for one variant and prompt, the unit a comparison pairs and resamples.
 *
 * @param variant the variant
 * @param metric the metric
 * @param promptId the prompt
 * @param value the value (finite)
 */
public record PromptValue(String variant, String metric, String promptId, double value) {}
