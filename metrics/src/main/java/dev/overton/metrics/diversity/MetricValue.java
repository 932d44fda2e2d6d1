package dev.overton.metrics.diversity;

import java.util.Objects;

/**
 * One computed measure: its value, or {@link Double#NaN} with the reason it could not be computed, and the settings it
 * was computed with. Undefined is explicit rather than a sentinel such as 0 or -1, which would be averaged into
 * aggregates as if it were a measurement; the settings travel with the value so that two numbers are only compared
 * when they were made the same way.
 *
 * @param value the value; {@link Double#NaN} exactly when the measure is undefined for the input
 * @param reason why the value is undefined (for example "fewer than two samples"), {@code null} when defined
 * @param settings how the value was computed (tokenizer, n, smoothing, ...), never {@code null}
 */
public record MetricValue(double value, String reason, String settings) {

    public MetricValue {
        Objects.requireNonNull(settings, "settings");
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be finite or NaN, was " + value);
        }
        if (Double.isNaN(value) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an undefined (NaN) value needs a reason");
        }
        if (!Double.isNaN(value) && reason != null) {
            throw new IllegalArgumentException("a defined value has no reason, got: " + reason);
        }
    }

    /** A defined value. */
    public static MetricValue of(double value, String settings) {
        return new MetricValue(value, null, settings);
    }

    /** An undefined value ({@link Double#NaN}) with the reason. */
    public static MetricValue undefined(String reason, String settings) {
        return new MetricValue(Double.NaN, reason, settings);
    }

    /** Whether the value could be computed. */
    public boolean defined() {
        return !Double.isNaN(value);
    }
}
