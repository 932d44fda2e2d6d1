package dev.overton.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * Event on {@value Topics#TOKEN_SCORE_REQUESTS}: ask the generator to have the base model score one aligned answer,
 * token by token, as the continuation of one context (the token-shift measure, {@link TokenShiftSpec}). The generator
 * answers with exactly one {@link TokenScores} with the same {@code requestId}, also when the request is redelivered:
 * it stores the result and republishes it instead of calling the model again, as it does for {@link CompletionRequest}s.
 *
 * <p>The context is either given whole ({@code renderedContext}: an icl variant's rendered in-context prompt, as sent to
 * the base model when it was sampled) or left to the generator ({@code renderedContext = null}): then it frames {@code
 * prompt} exactly as it frames the base variant's own raw prompt when sampling it (the variant's {@code
 * params.template}, else the method's zero-shot frame) — the {@value TokenShiftSpec#PLAIN} context. The scored
 * sequence is the context immediately followed by {@code answer}, with nothing in between.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param requestId deterministic id chosen by the requester, e.g. {@code token-shift@v1/<run>/<prompt>/<reference>/
 *     <sample>/<context>}; the same logical request must always get the same id
 * @param runId the run
 * @param promptId the prompt whose answer is scored
 * @param reference the variant whose answer is scored (the aligned model)
 * @param sampleIndex the index of the scored sample in the reference's sample set
 * @param context the context's name: {@value TokenShiftSpec#PLAIN} or an icl variant's name
 * @param model the base variant as in the run spec (backend, endpoint, api, model, params); the generator checked at
 *     {@code POST /runs} that its backend can score
 * @param prompt the prompt, framed by the generator when {@code renderedContext} is {@code null}; may be {@code null}
 *     otherwise
 * @param renderedContext the complete context text, or {@code null} to frame {@code prompt}
 * @param answer the aligned answer's text (not empty)
 * @param topK how many of the base model's most likely tokens each answer token is ranked among (1 to {@value
 *     TokenShiftSpec#MAX_TOP_K})
 * @param attributes requester's context echoed back unchanged in the {@link TokenScores}
 * @param requestedAt when the request was made
 */
public record TokenScoreRequest(
        int schemaVersion,
        String requestId,
        String runId,
        String promptId,
        String reference,
        int sampleIndex,
        String context,
        VariantSpec model,
        Prompt prompt,
        String renderedContext,
        String answer,
        int topK,
        Map<String, String> attributes,
        Instant requestedAt)
        implements Event {

    /** Rejects a record without the fields the generator relies on. */
    public TokenScoreRequest {
        Event.require(requestId, "requestId");
        Event.require(runId, "runId");
        Event.require(promptId, "promptId");
        Event.require(reference, "reference");
        Event.require(context, "context");
        Event.require(model, "model");
        Event.require(model.backend(), "model.backend");
        Event.require(answer, "answer");
        if (renderedContext == null && prompt == null) {
            throw new IllegalArgumentException(
                    "one of 'renderedContext' (the context text) or 'prompt' (framed by the generator) must be given");
        }
        if (topK < 1 || topK > TokenShiftSpec.MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be from 1 to " + TokenShiftSpec.MAX_TOP_K + ", was " + topK);
        }
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sampleIndex must be >= 0, was " + sampleIndex);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The version part of {@link #idOf}: bump it when the meaning of a score changes, so old results are not reused. */
    public static final String ID_PREFIX = "token-shift@v1";

    /**
     * The conventional request id of one scoring: {@code token-shift@v1/<run>/<prompt>/<reference>/<sample>/<context>}.
     */
    public static String idOf(String runId, String promptId, String reference, int sampleIndex, String context) {
        return ID_PREFIX + "/" + runId + "/" + promptId + "/" + reference + "/" + sampleIndex + "/" + context;
    }

    /** The record key. */
    public String key() {
        return requestId;
    }
}
