package dev.overton.scorer.tokenshift;

import java.util.ArrayList;
import java.util.List;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.diversity.MetricValue;
import dev.overton.metrics.tokenshift.AnswerShift;
import dev.overton.metrics.tokenshift.RankedToken;

/**
 * Turns one scored answer into score values, so that the token shift flows through the same store, aggregates (mean
 * over prompts with a bootstrap interval), REST answers, gauges and exports as every other metric. Plain Java.
 *
 * <p>A value is stored under the context's variant ({@link #contextVariant}: the base variant for {@value
 * TokenShiftSpec#PLAIN}, the icl variant otherwise), with the scored answer's sample index and the reference variant,
 * like a pair value: the aggregates average a prompt's scored samples first, then the prompts. A failed scoring stores
 * all six values {@code null} with the reason, never zeros.
 */
public final class TokenShiftValues {

    /** Share of unshifted (rank 1) tokens. */
    public static final String UNSHIFTED = "token_shift_unshifted";

    /** Share of marginal (rank 2–3) tokens. */
    public static final String MARGINAL = "token_shift_marginal";

    /** Share of shifted (rank above 3) tokens. */
    public static final String SHIFTED = "token_shift_shifted";

    /** Mean log-probability per token. */
    public static final String MEAN_LOGPROB = "token_shift_mean_logprob";

    /** Shifted share of the first ⌈T/10⌉ tokens. */
    public static final String SHIFTED_EARLY = "token_shift_shifted_early";

    /** Shifted share of the other tokens. */
    public static final String SHIFTED_REST = "token_shift_shifted_rest";

    /** Every value name, in display order. */
    public static final List<String> NAMES =
            List.of(UNSHIFTED, MARGINAL, SHIFTED, MEAN_LOGPROB, SHIFTED_EARLY, SHIFTED_REST);

    /** Longest reason stored with an undefined value; the full error is in the answer's row. */
    static final int MAX_REASON = 300;

    private TokenShiftValues() {}

    /** The variant the values of {@code context} are stored under. */
    public static String contextVariant(TokenShiftSpec spec, String context) {
        return TokenShiftSpec.PLAIN.equals(context) ? spec.base() : context;
    }

    /** The settings string of the values of one context: {@link AnswerShift#SETTINGS} plus context and K. */
    public static String settings(String context, int topK) {
        String base = AnswerShift.SETTINGS.substring(0, AnswerShift.SETTINGS.length() - 1);
        return base + ";context=" + context + ";topK=" + topK + ")";
    }

    /** The values of an answer scored token by token. */
    public static List<ScoreValue> of(
            List<RankedToken> tokens, int sample, String reference, String context, int topK) {
        AnswerShift shift = AnswerShift.of(tokens);
        String settings = settings(context, topK);
        List<MetricValue> values = List.of(
                shift.unshifted(),
                shift.marginal(),
                shift.shifted(),
                shift.meanLogprob(),
                shift.shiftedEarly(),
                shift.shiftedRest());
        List<ScoreValue> out = new ArrayList<>(NAMES.size());
        for (int i = 0; i < NAMES.size(); i++) {
            MetricValue v = values.get(i);
            out.add(new ScoreValue(
                    NAMES.get(i), sample, reference, v.defined() ? v.value() : null, v.reason(), settings));
        }
        return out;
    }

    /** The values of an answer that could not be scored: all undefined, with {@code reason}. */
    public static List<ScoreValue> failed(String reason, int sample, String reference, String context, int topK) {
        String settings = settings(context, topK);
        String why = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        return NAMES.stream()
                .map(name -> new ScoreValue(name, sample, reference, null, why, settings))
                .toList();
    }
}
