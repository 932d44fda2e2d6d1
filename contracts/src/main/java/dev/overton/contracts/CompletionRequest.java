package dev.overton.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Event on {@value Topics#COMPLETION_REQUESTS}: ask the generator for one completion that is not a sample of a run
 * variant, such as a judge verdict or a hint summary. The generator answers with exactly one {@link Completion} with the
 * same {@code requestId}, also when the request is redelivered (it stores the answer and republishes it instead of
 * calling the model again).
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param requestId deterministic id chosen by the requester, e.g. {@code judge/missing-info@v1/<run>/<prompt>/<variant>/
 *     <index>/1}; the same logical request must always get the same id
 * @param runId the run the call belongs to (for progress, metrics and clean-up)
 * @param purpose what the answer is for, e.g. {@code judge:missing-info} or {@code summary}; requesters consume
 *     {@link Completion}s of their own purposes only
 * @param model the model to call: backend, endpoint, api, model and sampling params as in a run variant ({@code
 *     samples} is ignored: one completion is drawn)
 * @param messages chat messages, for {@code api = chat}; empty when {@code rawPrompt} is given
 * @param rawPrompt a complete raw prompt for {@code api = completions}; {@code null} for chat requests
 * @param attributes requester's context echoed back unchanged in the {@link Completion} (prompt id, variant, sample
 *     index, prompt version, attempt, ...)
 * @param requestedAt when the request was made
 */
public record CompletionRequest(
        int schemaVersion,
        String requestId,
        String runId,
        String purpose,
        VariantSpec model,
        List<ChatMessage> messages,
        String rawPrompt,
        Map<String, String> attributes,
        Instant requestedAt)
        implements Event {

    /** Rejects a record without the fields the generator relies on. */
    public CompletionRequest {
        Event.require(requestId, "requestId");
        Event.require(runId, "runId");
        Event.require(purpose, "purpose");
        Event.require(model, "model");
        Event.require(model.backend(), "model.backend");
        messages = messages == null ? List.of() : List.copyOf(messages);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (messages.isEmpty() && (rawPrompt == null || rawPrompt.isEmpty())) {
            throw new IllegalArgumentException("one of 'messages' (chat) or 'rawPrompt' (completions) must be given");
        }
    }

    /** The record key. */
    public String key() {
        return requestId;
    }

    /**
     * The {@link Completion} answering this request: its id, run, purpose, model name and attributes copied from the
     * request, the rest as given.
     */
    public Completion answer(
            String status,
            String text,
            String error,
            String finishReason,
            Integer promptTokens,
            Integer completionTokens,
            Long latencyMs,
            Instant completedAt) {
        return new Completion(
                SchemaVersions.V1,
                requestId,
                runId,
                purpose,
                status,
                text,
                error,
                finishReason,
                promptTokens,
                completionTokens,
                latencyMs,
                model.model(),
                attributes,
                completedAt);
    }

    /** The {@link Completion#FAILED} answer to this request, saying {@code error}. */
    public Completion failed(String error, Instant completedAt) {
        return answer(Completion.FAILED, null, error, null, null, null, null, completedAt);
    }
}
