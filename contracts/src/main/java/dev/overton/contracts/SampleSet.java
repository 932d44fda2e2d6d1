package dev.overton.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Event on {@value Topics#SAMPLE_SETS}: the N responses of one variant to one prompt. Key: {@code
 * <runId>/<promptId>}. A failed generation is published too, with {@code status = "failed"}, an {@code error} and no
 * samples, so that nothing is silently dropped.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run
 * @param promptId the prompt's id
 * @param variant the variant's name
 * @param reference whether the variant is the run's reference (aligned) variant
 * @param status {@code generated} or {@code failed}
 * @param error why it failed, or {@code null}
 * @param samples the responses, in index order
 * @param generatedAt when the set was stored
 */
public record SampleSet(
        int schemaVersion,
        String runId,
        String promptId,
        String variant,
        boolean reference,
        String status,
        String error,
        List<Sample> samples,
        Instant generatedAt)
        implements Event {

    /** Rejects a record without the fields every consumer relies on. */
    public SampleSet {
        Event.require(runId, "runId");
        Event.require(promptId, "promptId");
        Event.require(variant, "variant");
        Event.require(status, "status");
        if (!GENERATED.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be 'generated' or 'failed', was '" + status + "'");
        }
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /** {@link #status()} of a set whose samples were drawn. */
    public static final String GENERATED = "generated";

    /** {@link #status()} of a set whose generation failed. */
    public static final String FAILED = "failed";

    /** The record key. */
    public String key() {
        return EventKeys.of(runId, promptId);
    }

    /** Whether the set's generation failed. */
    public boolean failed() {
        return FAILED.equals(status);
    }
}
