package dev.overton.metrics.tokenshift;

import java.util.List;

/**
 * The shifted share by relative position in the answer, pooled over answers: token i of an answer of T tokens falls in
 * bin ⌊i · B / T⌋ of B equal bins (integer arithmetic, so position 0 is always in bin 0 and position T − 1 in bin B −
 * 1), and each bin's share is the number of shifted tokens in it over the number of tokens in it, across all answers.
 * Pooling weights long answers more than averaging per-answer shares would, but it needs no answer to fill every bin
 * (an answer shorter than B tokens leaves bins empty). A bin no token fell in has no share ({@link Double#NaN}).
 *
 * @param shifted per bin, shifted tokens
 * @param tokens per bin, all tokens
 */
public record ShiftProfile(long[] shifted, long[] tokens) {

    /** Bins used unless told otherwise: tenths of the answer. */
    public static final int DEFAULT_BINS = 10;

    /** The profile of {@code answers} in {@code bins} bins. */
    public static ShiftProfile of(List<List<RankedToken>> answers, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, was " + bins);
        }
        long[] shifted = new long[bins];
        long[] tokens = new long[bins];
        for (List<RankedToken> answer : answers) {
            int t = answer.size();
            for (int i = 0; i < t; i++) {
                int bin = (int) ((long) i * bins / t);
                tokens[bin]++;
                if (answer.get(i).shiftClass() == ShiftClass.SHIFTED) {
                    shifted[bin]++;
                }
            }
        }
        return new ShiftProfile(shifted, tokens);
    }

    /** The number of bins. */
    public int bins() {
        return tokens.length;
    }

    /** The shifted share of bin {@code bin}, or {@link Double#NaN} when no token fell in it. */
    public double share(int bin) {
        return tokens[bin] == 0 ? Double.NaN : (double) shifted[bin] / tokens[bin];
    }
}
