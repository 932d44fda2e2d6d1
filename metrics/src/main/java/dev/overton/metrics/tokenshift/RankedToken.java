package dev.overton.metrics.tokenshift;

import java.util.Objects;

/**
 * One token of an aligned answer as the base model scored it.
 *
 * @param text the token's text as the base model's tokenizer cut it (leading spaces, partial UTF-8 sequences decoded
 *     as the server sent them); never {@code null}
 * @param logprob the base model's log-probability of this token given the context and the answer's earlier tokens
 * @param rank the token's 1-based rank among the base model's next-token candidates; a token outside the top K the
 *     server returned has rank {@code K + 1} (all that is known is that it ranks lower than K, which {@link ShiftClass}
 *     counts as shifted for any K ≥ 3)
 */
public record RankedToken(String text, double logprob, int rank) {

    /** Rejects a token without text, with a rank below 1 or a log-probability that is not a number. */
    public RankedToken {
        Objects.requireNonNull(text, "text");
        if (rank < 1) {
            throw new IllegalArgumentException("rank is 1-based, was " + rank);
        }
        if (Double.isNaN(logprob) || logprob > 0) {
            throw new IllegalArgumentException("logprob must be a number ≤ 0, was " + logprob);
        }
    }

    /** The token's shift class. */
    public ShiftClass shiftClass() {
        return ShiftClass.ofRank(rank);
    }

    /**
     * The 1-based rank of a token of log-probability {@code logprob} among {@code alternatives}, the log-probabilities
     * of the base model's top K candidates at that position (which may or may not include the token itself): 1 plus the
     * number of candidates strictly more probable. Ties therefore give the token the best of the tied ranks, so a token
     * as probable as the base model's first choice is unshifted, whatever order the server listed the tie in. A token
     * less probable than all K candidates gets {@code K + 1}.
     */
    public static int rankAmong(double logprob, double[] alternatives) {
        int above = 0;
        for (double alternative : alternatives) {
            if (alternative > logprob) {
                above++;
            }
        }
        return above + 1;
    }
}
