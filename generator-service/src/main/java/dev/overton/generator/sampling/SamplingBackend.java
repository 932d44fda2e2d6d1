package dev.overton.generator.sampling;

import java.util.List;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.ModelEntry;
import dev.overton.generator.tokenshift.ScoredAnswer;
import dev.overton.generator.tokenshift.ScoringCall;

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

    /**
     * Checks that this backend can score answers token by token with {@code base} (the run's {@code tokenShift.base}
     * variant), adding an error at {@code at} when it cannot. The default: it cannot (a backend that can score
     * overrides both this and {@link #scoreTokens}).
     */
    default void checkTokenScoring(VariantSpec base, String at, List<FieldError> errors) {
        refuseTokenScoring(name(), base, at, errors);
    }

    /** Adds the error of a backend named {@code backend} that cannot score tokens. */
    static void refuseTokenScoring(String backend, VariantSpec base, String at, List<FieldError> errors) {
        errors.add(new FieldError(
                at,
                "variant '" + base.name() + "' uses the '" + backend + "' backend, which cannot score tokens; the base"
                        + " model must be on the openai backend with \"api\": \"completions\" (a server with echo and"
                        + " logprobs, e.g. vLLM) or on the jlama backend (docs/backends.md, Token scoring)"));
    }

    /**
     * Scores {@code call}'s answer token by token.
     *
     * @return the tokens, or a failed result with the reason; a failure of the model is a result, not an exception
     */
    default ScoredAnswer scoreTokens(ScoringCall call) {
        return ScoredAnswer.failed(null, "the '" + name() + "' backend cannot score tokens");
    }
}
