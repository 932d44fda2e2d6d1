package dev.overton.generator.tokenshift;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.ReplayBackend;
import dev.overton.generator.sampling.SamplingBackend;

/**
 * Answers one {@link TokenScoreRequest} with the base variant's backend: resolves the context (the request's rendered
 * context, or the prompt in the base variant's own raw-prompt frame: {@code params.template} or the zero-shot frame,
 * exactly as the variant was sampled), asks the backend to score the answer after it, and words the result as a
 * {@link TokenScores}. A request that cannot be served (unknown or {@code replay} backend, empty answer) is answered
 * with a failed result naming the field, without a model call.
 *
 * <p>Plain Java and blocking (the backend may call a server); callers run it on a worker thread.
 */
public final class TokenScoringCalls {

    private final Function<String, SamplingBackend> backends;

    /** @param backends the backend of a name, or {@code null} */
    public TokenScoringCalls(Function<String, SamplingBackend> backends) {
        this.backends = backends;
    }

    /**
     * Scores the request's answer.
     *
     * @return a completed or failed result (never {@code null}); only an interrupt (shutdown) escapes, as a {@link
     *     CancellationException}, so that the request is consumed again rather than stored as failed
     */
    public TokenScores call(TokenScoreRequest request) {
        String backendName = request.model().backend();
        if (ReplayBackend.NAME.equals(backendName)) {
            return failed(
                    request,
                    null,
                    "model.backend: 'replay' cannot score tokens (it only replays released"
                            + " samples); the base variant must be on the openai (api 'completions') or jlama backend");
        }
        SamplingBackend backend = backends.apply(backendName);
        if (backend == null) {
            return failed(request, null, "model.backend: '" + backendName + "' is not available in this generator");
        }
        if (request.answer().isEmpty()) {
            return failed(request, null, "answer: is empty, so there is no token to score");
        }
        String context = context(request);
        if (context.isEmpty()) {
            return failed(
                    request,
                    null,
                    "renderedContext: is empty; the first token of a text has no context to be" + " scored after");
        }
        long start = System.nanoTime();
        ScoredAnswer scored;
        try {
            scored = backend.scoreTokens(
                    new ScoringCall(request.runId(), request.model(), context, request.answer(), request.topK()));
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(request, null, backendName + " backend error: " + e);
        }
        Long latency = scored.latencyMs() != null
                ? scored.latencyMs()
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (scored.failed()) {
            return TokenScores.failed(request, scored.method(), scored.error(), latency, now());
        }
        if (scored.tokens().isEmpty()) {
            return failed(request, scored.method(), backendName + " backend returned no token of the answer");
        }
        return TokenScores.completed(request, scored.tokens(), scored.method(), latency, now());
    }

    /** The context the answer is scored after: the rendered one, or the prompt in the base variant's own frame. */
    public static String context(TokenScoreRequest request) {
        if (request.renderedContext() != null) {
            return request.renderedContext();
        }
        return PromptFrames.rawPrompt(request.model().params(), request.prompt().userText());
    }

    /** A failed result for {@code request}. */
    public static TokenScores failed(TokenScoreRequest request, String method, String error) {
        return TokenScores.failed(request, method, error, null, now());
    }

    private static Instant now() {
        // What the database keeps, so that a republished result equals the first one.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
