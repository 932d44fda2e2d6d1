package dev.overton.generator.sampling;

import dev.overton.contracts.GenerationRequest;

/**
 * Something that can draw the N responses of one variant to one prompt. Implementations may block (file or network
 * I/O); callers run them on worker threads.
 */
public interface SamplingBackend {

    /** The name a run spec uses to choose this backend ({@code variants[].backend}). */
    String name();

    /**
     * Draws the samples asked for by {@code request}.
     *
     * @return the samples, or a failed result with the reason; a failure of the model (e.g. an error record) is a
     *     result, not an exception, so that it is stored and shown rather than retried forever
     */
    SampledSet sample(GenerationRequest request);
}
