package dev.overton.metrics.tokenshift;

import java.util.List;

import dev.overton.metrics.diversity.MetricValue;

/**
 * The token-shift values of one aligned answer scored by the base model under one context.
 *
 * <ul>
 *   <li>{@code unshifted}, {@code marginal}, {@code shifted}: the shares of the answer's T tokens in each {@link
 *       ShiftClass}; they sum to 1.
 *   <li>{@code meanLogprob}: the base model's log-likelihood of the answer per token, Σ logprob / T (≤ 0; higher means
 *       the base model finds the answer more likely).
 *   <li>{@code shiftedEarly}: the shifted share of the first E = ⌈T / 10⌉ tokens (computed in integers as {@code (T +
 *       9) / 10}, so at least one token for any T ≥ 1 and never a floating-point off-by-one: 0.1·30 is
 *       3.0000000000000004 in doubles); {@code shiftedRest}: the shifted share of the remaining T − E tokens.
 * </ul>
 *
 * Undefined values are explicit: an answer with no tokens has none of them (reason "the answer has no tokens"), and an
 * answer whose first 10% is all of it (T = 1) has no {@code shiftedRest}.
 *
 * @param tokens T, the number of tokens
 * @param unshifted share of rank-1 tokens
 * @param marginal share of rank-2–3 tokens
 * @param shifted share of tokens ranked above 3
 * @param meanLogprob mean log-probability per token
 * @param shiftedEarly shifted share of the first E tokens
 * @param shiftedRest shifted share of the other T − E tokens
 */
public record AnswerShift(
        int tokens,
        MetricValue unshifted,
        MetricValue marginal,
        MetricValue shifted,
        MetricValue meanLogprob,
        MetricValue shiftedEarly,
        MetricValue shiftedRest) {

    /** Settings stored with every value: the rank thresholds and the early-span rule. */
    public static final String SETTINGS =
            "token-shift(unshifted=rank1;marginal=rank2-3;shifted=rank>3;early=ceil(T/10))";

    /** Reason of every value of an answer without tokens. */
    public static final String NO_TOKENS = "the answer has no tokens";

    /** Reason of {@code shiftedRest} when the first 10% is the whole answer. */
    public static final String NO_REST = "the first 10% of the answer (⌈T/10⌉ tokens) is all of it";

    /** E, the number of tokens in the early span of an answer of {@code tokens} tokens: ⌈T / 10⌉. */
    public static int earlyTokens(int tokens) {
        return (tokens + 9) / 10;
    }

    /** The values of an answer scored token by token, in answer order. */
    public static AnswerShift of(List<RankedToken> answer) {
        int t = answer.size();
        if (t == 0) {
            MetricValue none = MetricValue.undefined(NO_TOKENS, SETTINGS);
            return new AnswerShift(0, none, none, none, none, none, none);
        }
        int early = earlyTokens(t);
        int[] counts = new int[ShiftClass.values().length];
        int shiftedEarly = 0;
        double logprobs = 0;
        for (int i = 0; i < t; i++) {
            RankedToken token = answer.get(i);
            ShiftClass c = token.shiftClass();
            counts[c.ordinal()]++;
            if (c == ShiftClass.SHIFTED && i < early) {
                shiftedEarly++;
            }
            logprobs += token.logprob();
        }
        int shifted = counts[ShiftClass.SHIFTED.ordinal()];
        MetricValue rest = t == early
                ? MetricValue.undefined(NO_REST, SETTINGS)
                : MetricValue.of((double) (shifted - shiftedEarly) / (t - early), SETTINGS);
        return new AnswerShift(
                t,
                share(counts[ShiftClass.UNSHIFTED.ordinal()], t),
                share(counts[ShiftClass.MARGINAL.ordinal()], t),
                share(shifted, t),
                MetricValue.of(logprobs / t, SETTINGS),
                share(shiftedEarly, early),
                rest);
    }

    private static MetricValue share(int count, int of) {
        return MetricValue.of((double) count / of, SETTINGS);
    }
}
