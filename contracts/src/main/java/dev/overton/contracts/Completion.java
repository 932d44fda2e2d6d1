package dev.overton.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * Event on {@value Topics#COMPLETIONS}: the generator's answer to one {@link CompletionRequest}. A call that still fails
 * after the generator's retries is published too, with {@code status = "failed"} and the reason, never dropped.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param requestId the request's id
 * @param runId the request's run
 * @param purpose the request's purpose
 * @param status {@code completed} or {@code failed}
 * @param text the completion's text (stop strings removed), or {@code null} when failed
 * @param error why it failed, or {@code null}
 * @param finishReason the server's finish reason ({@code stop}, {@code length}, ...), when known
 * @param promptTokens prompt tokens, when the backend reports them
 * @param completionTokens completion tokens, when the backend reports them
 * @param latencyMs wall time of the model call in milliseconds, when known
 * @param model the model that answered
 * @param attributes the request's attributes, unchanged
 * @param completedAt when the answer was stored
 */
public record Completion(
        int schemaVersion,
        String requestId,
        String runId,
        String purpose,
        String status,
        String text,
        String error,
        String finishReason,
        Integer promptTokens,
        Integer completionTokens,
        Long latencyMs,
        String model,
        Map<String, String> attributes,
        Instant completedAt)
        implements Answer {

    /** {@link #status()} of an answered request. */
    public static final String COMPLETED = "completed";

    /** {@link #status()} of a request whose model call failed. */
    public static final String FAILED = "failed";

    /** Rejects a record without the fields every consumer relies on. */
    public Completion {
        Event.require(requestId, "requestId");
        Event.require(runId, "runId");
        Event.require(purpose, "purpose");
        Answer.requireStatus(status);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Whether the model call failed. */
    public boolean failed() {
        return FAILED.equals(status);
    }
}
