package dev.overton.metrics.diversity;

/**
 * N-gram diversity score of a set (Shaib et al. 2024, "Standardizing the Measurement of Text Diversity", arXiv
 * 2403.00553, after the n-gram diversity of Meister et al., arXiv 2202.00666): the sum over n = 1..4 of distinct
 * n-grams / total n-grams, i.e. the sum of {@link DistinctN distinct-1..4}. One number that rewards diversity at every
 * phrase length at once.
 *
 * <p>N-grams are those of {@link NgramIndex}: NLTK word tokens, case kept, never spanning two responses. Shaib et al.'s
 * released code instead joins the responses with spaces, splits on spaces and lets n-grams run across the joins (N - 1
 * extra boundary n-grams per order, negligible on answers of hundreds of tokens); keeping n-grams within a response
 * makes this score exactly the sum of the reported distinct-n values. About 90% of the gap to that package's values is
 * the tokenization (spaces there, NLTK word tokens here), not the join.
 *
 * <p>Range {@code (0, 4]} for n up to 4. Higher = more diverse. One response is defined. Undefined ({@link Double#NaN})
 * when some order has no n-gram at all: no responses, or no response has at least 4 tokens.
 */
public final class NgramDiversity {

    /** The paper's highest order. */
    public static final int MAX_N = 4;

    private NgramDiversity() {}

    /** The settings string for orders 1..{@code maxN}. */
    public static String settings(int maxN) {
        return NgramIndex.TOKENS + ";n=1.." + maxN + ";score=sum(distinct/total)";
    }

    /** The score over orders 1..{@link #MAX_N}; {@code index} must hold them. */
    public static MetricValue of(NgramIndex index) {
        return of(index, MAX_N);
    }

    /** The score over orders 1..{@code maxN}. */
    public static MetricValue of(NgramIndex index, int maxN) {
        double sum = 0;
        for (int n = 1; n <= maxN; n++) {
            long total = index.total(n);
            if (total == 0) {
                return MetricValue.undefined(DistinctN.noNgramsReason(index, n), settings(maxN));
            }
            sum += (double) index.distinct(n) / total;
        }
        return MetricValue.of(sum, settings(maxN));
    }
}
