package dev.overton.generator.sampling;

import java.util.List;

import dev.overton.contracts.Sample;

/**
 * What a backend returned for one request: the samples, or why there are none.
 *
 * @param samples the samples, in index order (empty when failed)
 * @param error the reason the generation failed, or {@code null}
 */
public record SampledSet(List<Sample> samples, String error) {

    /** A successful result. */
    public static SampledSet of(List<Sample> samples) {
        return new SampledSet(List.copyOf(samples), null);
    }

    /** A failed result with its reason. */
    public static SampledSet failed(String error) {
        return new SampledSet(List.of(), error);
    }

    /** Whether the generation failed. */
    public boolean failed() {
        return error != null;
    }
}
