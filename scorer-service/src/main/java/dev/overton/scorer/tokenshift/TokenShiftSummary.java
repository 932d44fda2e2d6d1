package dev.overton.scorer.tokenshift;

import java.util.List;

/**
 * A run's token shift, as served by {@code GET /runs/{id}/token-shift} and drawn in the report's token-shift section
 * (definitions in {@code docs/metrics.md}, "Token distribution shift"). Undefined numbers are {@code null}, never NaN.
 *
 * @param runId the run
 * @param base the base variant that scored
 * @param reference the reference variant whose answers were scored
 * @param samples answers scored per prompt
 * @param topK how many candidates each token was ranked among
 * @param contexts one per context of the spec, in the spec's order
 * @param example one typical scored answer of the first context with scores, token by token, or {@code null}
 */
public record TokenShiftSummary(
        String runId,
        String base,
        String reference,
        int samples,
        int topK,
        List<ContextSummary> contexts,
        ExampleAnswer example) {

    /**
     * One context's results.
     *
     * @param context the context's name ({@code plain} or an icl variant)
     * @param variant the variant its values are stored under
     * @param scored answers scored
     * @param failed answers that could not be scored (their values are undefined with the reason)
     * @param failures the distinct failure reasons with how many answers each, most frequent first (at most five)
     * @param values per value name, the mean over prompts with its 95% bootstrap interval
     * @param recovery the token-level recovery against {@code plain}; {@code null} for {@code plain} itself
     * @param profile the shifted share in each tenth of the answers, pooled over answers ({@code null}: no token
     *     there)
     * @param topTokens the most often shifted tokens
     */
    public record ContextSummary(
            String context,
            String variant,
            int scored,
            int failed,
            List<Failure> failures,
            List<Aggregate> values,
            Recovery recovery,
            List<Double> profile,
            List<TokenCount> topTokens) {}

    /**
     * A failure reason.
     *
     * @param reason the reason
     * @param answers how many answers failed with it
     */
    public record Failure(String reason, int answers) {}

    /**
     * The mean over prompts of one value.
     *
     * @param metric the value's name
     * @param mean the mean, or {@code null} without prompts
     * @param low the interval's lower bound, or {@code null} (fewer than two prompts)
     * @param high the interval's upper bound, or {@code null}
     * @param n the number of prompts with a defined value
     */
    public record Aggregate(String metric, Double mean, Double low, Double high, int n) {}

    /**
     * Token-level recovery of an icl context: 1 − shifted(icl) / shifted(plain).
     *
     * @param recovery the recovery, or {@code null} when undefined
     * @param low the interval's lower bound, or {@code null}
     * @param high the interval's upper bound, or {@code null}
     * @param n prompts with values in both contexts
     * @param reason why it is undefined, or {@code null}
     */
    public record Recovery(Double recovery, Double low, Double high, int n, String reason) {}

    /**
     * An often shifted token.
     *
     * @param text the token's text, exactly as the base model's tokenizer cut it
     * @param count how many times it was shifted
     * @param share that count's share of all shifted tokens of the context
     */
    public record TokenCount(String text, long count, double share) {}

    /**
     * One scored answer, token by token.
     *
     * @param promptId the prompt
     * @param sample the reference's sample index
     * @param context the context it was scored under
     * @param shifted its shifted share
     * @param tokens its tokens in order
     */
    public record ExampleAnswer(
            String promptId, int sample, String context, double shifted, List<ExampleToken> tokens) {}

    /**
     * A token of the example.
     *
     * @param text its text
     * @param logprob the base model's log-probability of it
     * @param rank its rank ({@code topK + 1}: outside the top K)
     * @param shift {@code unshifted}, {@code marginal} or {@code shifted}
     */
    public record ExampleToken(String text, double logprob, int rank, String shift) {}
}
