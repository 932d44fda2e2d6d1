package dev.overton.generator.sampling;

import java.util.List;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.ModelEntry;

/**
 * Something that can draw the N responses of one variant to one prompt. Implementations may block (file or network
 * I/O); callers run them on worker threads.
 */
public interface SamplingBackend {

    /** The name a run spec uses to choose this backend ({@code variants[].backend}). */
    String name();

    /**
     * Checks the fields of a variant or judge that only this backend gives meaning to (an endpoint, a model, the
     * params it understands), adding one error per problem. The spec's common checks (types, lengths, control
     * characters, {@code temperature}, {@code max_tokens}, {@code stop}) have run already. Adding a backend adds its
     * rules here, not in a central validator.
     */
    default void checkVariant(ModelEntry entry, List<FieldError> errors) {}

    /**
     * Draws the samples asked for by {@code request}.
     *
     * @return the samples, or a failed result with the reason; a failure of the model (e.g. an error record) is a
     *     result, not an exception, so that it is stored and shown rather than retried forever
     */
    SampledSet sample(GenerationRequest request);
}
