package dev.overton.metrics.tokenshift;

import dev.overton.metrics.stats.BootstrapInterval;
import dev.overton.metrics.stats.RatioOfMeans;

/**
 * Token-level recovery of an in-context prompt: 1 − shifted(icl) / shifted(plain), where shifted(c) is the mean over
 * prompts of the per-prompt shifted share under context c (the base model's zero-shot frame for {@code plain}, the
 * in-context prompt for {@code icl}). 1 means the in-context prompt removed every shifted token, 0 that it removed none,
 * a negative value that it shifted more tokens than the plain frame.
 *
 * <p>The interval is {@link RatioOfMeans}'s joint percentile bootstrap over the prompts both contexts have, mapped
 * through r ↦ 1 − r (which swaps the bounds). When the plain context has no shifted token at all the recovery is
 * undefined: every value is {@code null} and {@code reason} says so — never NaN or infinity.
 *
 * @param recovery the recovery, or {@code null} when undefined
 * @param low the interval's lower bound, or {@code null} (undefined, or one prompt)
 * @param high the interval's upper bound, or {@code null}
 * @param n the number of prompts both contexts have
 * @param reason why {@code recovery} is undefined, or {@code null}
 */
public record TokenRecovery(Double recovery, Double low, Double high, int n, String reason) {

    /** Reason when no prompt has values in both contexts. */
    public static final String NO_PROMPTS = "no prompt has token-shift values in both contexts";

    /** Reason when the plain context has nothing to recover. */
    public static final String NOTHING_SHIFTED =
            "the plain context has no shifted tokens, so there is nothing to recover";

    /**
     * The recovery of paired per-prompt shifted shares (95% interval, {@link BootstrapInterval}'s default seed and
     * resamples).
     *
     * @param icl per prompt, the shifted share under the in-context prompt
     * @param plain per prompt, the shifted share under the plain frame, paired with {@code icl} by index
     */
    public static TokenRecovery of(double[] icl, double[] plain) {
        return of(icl, plain, 0.95, BootstrapInterval.DEFAULT_RESAMPLES, BootstrapInterval.DEFAULT_SEED);
    }

    /**
     * The recovery with its interval at {@code level} from {@code resamples} joint resamples seeded with {@code seed}.
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold a NaN
     */
    public static TokenRecovery of(double[] icl, double[] plain, double level, int resamples, long seed) {
        if (icl.length == 0) {
            return new TokenRecovery(null, null, null, 0, NO_PROMPTS);
        }
        RatioOfMeans.Estimate ratio = RatioOfMeans.of(icl, plain, level, resamples, seed);
        if (Double.isNaN(ratio.ratio())) {
            return new TokenRecovery(null, null, null, ratio.n(), NOTHING_SHIFTED);
        }
        return new TokenRecovery(
                1 - ratio.ratio(), boundOrNull(ratio.high()), boundOrNull(ratio.low()), ratio.n(), null);
    }

    private static Double boundOrNull(double ratioBound) {
        return Double.isNaN(ratioBound) ? null : 1 - ratioBound;
    }
}
