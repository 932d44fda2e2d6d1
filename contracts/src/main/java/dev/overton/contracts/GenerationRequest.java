package dev.overton.contracts;

import java.time.Instant;

/**
 * Event on {@value Topics#GENERATION_REQUESTS}: sample N responses of one variant for one prompt. Key: {@code
 * <runId>/<promptId>}.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run
 * @param prompt the prompt, with its messages
 * @param variant the variant to sample, as in the run spec
 * @param reference whether this variant is the run's reference (aligned) variant
 * @param requestedAt when the request was made
 * @param renderedPrompt a complete raw prompt (e.g. an in-context prompt built by icl-service) that a completions
 *     backend sends as is instead of framing {@code prompt} itself; {@code null} for ordinary requests
 */
public record GenerationRequest(
        int schemaVersion,
        String runId,
        Prompt prompt,
        VariantSpec variant,
        boolean reference,
        Instant requestedAt,
        String renderedPrompt)
        implements Event {

    /** An ordinary request: the backend frames {@code prompt} itself. */
    public GenerationRequest(
            int schemaVersion,
            String runId,
            Prompt prompt,
            VariantSpec variant,
            boolean reference,
            Instant requestedAt) {
        this(schemaVersion, runId, prompt, variant, reference, requestedAt, null);
    }

    /** Rejects a record without the fields every consumer relies on. */
    public GenerationRequest {
        Event.require(runId, "runId");
        Event.require(prompt, "prompt");
        Event.require(prompt.id(), "prompt.id");
        Event.require(variant, "variant");
        Event.require(variant.name(), "variant.name");
    }

    /** The record key. */
    public String key() {
        return EventKeys.of(runId, prompt.id());
    }
}
