package dev.overton.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Event on {@value Topics#TOKEN_SCORES}: the generator's answer to one {@link TokenScoreRequest}, the answer's tokens
 * as the base model scored them. A request that could not be scored is answered too, with {@code status = "failed"},
 * no tokens and the reason (a server that ignored {@code echo} and returned no prompt tokens, a backend that cannot
 * score, a call that failed after retries): never silent zeros, never dropped.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param requestId the request's id
 * @param runId the request's run
 * @param promptId the request's prompt
 * @param reference the request's reference variant
 * @param sampleIndex the request's sample index
 * @param context the request's context name
 * @param status {@code completed} or {@code failed}
 * @param topK the request's K: a token with {@link ScoredToken#rank()} {@code topK + 1} was not among the top K
 * @param tokens the answer's tokens in order (their texts together spell the answer, up to a token merged across the
 *     boundary); empty when failed
 * @param method how the tokens were scored: {@value #ECHO} (OpenAI legacy completions with {@code echo} and {@code
 *     logprobs}), {@value #PROMPT_LOGPROBS} (vLLM's {@code prompt_logprobs}) or {@value #FORWARD_PASS} (the embedded
 *     jlama engine); {@code null} when failed before a call
 * @param error why it failed, or {@code null}
 * @param latencyMs wall time of the model call in milliseconds, when known
 * @param model the base model that scored
 * @param attributes the request's attributes, unchanged
 * @param completedAt when the result was stored
 */
public record TokenScores(
        int schemaVersion,
        String requestId,
        String runId,
        String promptId,
        String reference,
        int sampleIndex,
        String context,
        String status,
        int topK,
        List<ScoredToken> tokens,
        String method,
        String error,
        Long latencyMs,
        String model,
        Map<String, String> attributes,
        Instant completedAt)
        implements Answer {

    /** {@link #status()} of a scored answer. */
    public static final String COMPLETED = Completion.COMPLETED;

    /** {@link #status()} of a request that could not be scored. */
    public static final String FAILED = Completion.FAILED;

    /** {@link #method()}: legacy completions with {@code echo: true} and {@code logprobs: K}. */
    public static final String ECHO = "echo";

    /** {@link #method()}: vLLM's {@code prompt_logprobs}. */
    public static final String PROMPT_LOGPROBS = "prompt_logprobs";

    /** {@link #method()}: a forward pass of the embedded engine. */
    public static final String FORWARD_PASS = "forward-pass";

    /** Rejects a record without the fields every consumer relies on, or a completed one without tokens. */
    public TokenScores {
        Event.require(requestId, "requestId");
        Event.require(runId, "runId");
        Event.require(promptId, "promptId");
        Event.require(reference, "reference");
        Event.require(context, "context");
        Answer.requireStatus(status);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        if (COMPLETED.equals(status) && tokens.isEmpty()) {
            throw new IllegalArgumentException("a completed result must carry the answer's tokens");
        }
        if (FAILED.equals(status) && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed result must say why in 'error'");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Whether the request could not be scored. */
    public boolean failed() {
        return FAILED.equals(status);
    }

    /** The rank that stands for "not among the top K": {@code topK + 1}. */
    public int outsideTopK() {
        return topK + 1;
    }

    /** A completed result for {@code request}. */
    public static TokenScores completed(
            TokenScoreRequest request, List<ScoredToken> tokens, String method, Long latencyMs, Instant completedAt) {
        return answering(request, COMPLETED, tokens, method, null, latencyMs, completedAt);
    }

    /** A failed result for {@code request} with {@code error}. */
    public static TokenScores failed(
            TokenScoreRequest request, String method, String error, Long latencyMs, Instant completedAt) {
        return answering(request, FAILED, List.of(), method, error, latencyMs, completedAt);
    }

    /** The result answering {@code request}: its id, run, prompt, context, K, model name and attributes copied. */
    private static TokenScores answering(
            TokenScoreRequest request,
            String status,
            List<ScoredToken> tokens,
            String method,
            String error,
            Long latencyMs,
            Instant completedAt) {
        return new TokenScores(
                SchemaVersions.V1,
                request.requestId(),
                request.runId(),
                request.promptId(),
                request.reference(),
                request.sampleIndex(),
                request.context(),
                status,
                request.topK(),
                tokens,
                method,
                error,
                latencyMs,
                request.model().model(),
                request.attributes(),
                completedAt);
    }
}
