package dev.overton.contracts;

/**
 * One stored metric value.
 *
 * @param metric the metric's snake_case name (see {@code docs/metrics.md})
 * @param sample the sample index for a per-sample value, {@code null} for a whole-set value
 * @param reference the reference variant for a between-variant value, {@code null} otherwise
 * @param value the value; {@code null} when undefined (then {@code reason} says why)
 * @param reason why the value is undefined, or {@code null}
 * @param settings the metric's settings (tokenizer, n, ...), so that a value can be recomputed
 */
public record ScoreValue(
        String metric, Integer sample, String reference, Double value, String reason, String settings) {}
