package dev.overton.generator.sampling;

import java.util.List;

import dev.overton.contracts.Sample;

/**
 * What a backend returned for one request: the samples, or why there are none.
 *
 * @param samples the samples, in index order (empty when failed)
 * @param error the reason the generation failed, or {@code null}
 * @param usage what each sample cost, parallel to {@code samples}; empty when the backend knows nothing about it
 */
public record SampledSet(List<Sample> samples, String error, List<SampleUsage> usage) {

    /** Copies the lists and rejects a usage list that does not line up with the samples. */
    public SampledSet {
        samples = samples == null ? List.of() : List.copyOf(samples);
        usage = usage == null ? List.of() : List.copyOf(usage);
        if (!usage.isEmpty() && usage.size() != samples.size()) {
            throw new IllegalArgumentException(
                    "usage has " + usage.size() + " entries for " + samples.size() + " samples");
        }
    }

    /** A successful result without usage information. */
    public static SampledSet of(List<Sample> samples) {
        return new SampledSet(samples, null, List.of());
    }

    /** A successful result with the usage of each sample ({@code usage.get(i)} belongs to {@code samples.get(i)}). */
    public static SampledSet of(List<Sample> samples, List<SampleUsage> usage) {
        return new SampledSet(samples, null, usage);
    }

    /** A failed result with its reason. */
    public static SampledSet failed(String error) {
        return new SampledSet(List.of(), error, List.of());
    }

    /** Whether the generation failed. */
    public boolean failed() {
        return error != null;
    }

    /** The usage of the {@code i}-th sample, {@link SampleUsage#UNKNOWN} when the backend reported none. */
    public SampleUsage usageOf(int i) {
        return usage.isEmpty() ? SampleUsage.UNKNOWN : usage.get(i);
    }
}
