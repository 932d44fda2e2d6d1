package dev.overton.metrics.diversity;

/**
 * Distinct-n of a set (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural
 * Conversation Models"): the number of distinct word n-grams divided by the total number of word n-grams, pooled over
 * all responses of the set. The standard cheap lexical-diversity measure, reported for n = 1..4.
 *
 * <p>N-grams are those of {@link NgramIndex}: unfiltered NLTK word tokens, case kept, never spanning two responses.
 *
 * <p>Range {@code (0, 1]}. Higher = more distinct n-grams (more diverse). It pools the responses rather than comparing
 * them, so one response is defined (its own repetitiveness). Undefined ({@link Double#NaN}) when the set has no n-gram
 * of order n: no responses, or every response is shorter than n tokens ("every sample is empty" for n = 1: no
 * response has a token). It falls as responses get longer, whatever their diversity, so compare it between sets of
 * similar length.
 */
public final class DistinctN {

    private DistinctN() {}

    /** The settings string of order {@code n}. */
    public static String settings(int n) {
        return NgramIndex.TOKENS + ";n=" + n + ";ratio=distinct/total";
    }

    /** Distinct-n of the set indexed by {@code index}. */
    public static MetricValue of(NgramIndex index, int n) {
        long total = index.total(n);
        if (total == 0) {
            return MetricValue.undefined(noNgramsReason(index, n), settings(n));
        }
        return MetricValue.of((double) index.distinct(n) / total, settings(n));
    }

    /** Distinct-n of {@code set}. */
    public static MetricValue of(TokenizedSet set, int n) {
        return of(NgramIndex.of(set, n), n);
    }

    static String noNgramsReason(NgramIndex index, int n) {
        if (index.responses() == 0) {
            return ListItems.NO_SAMPLES;
        }
        return n == 1
                ? SelfBleu.EVERY_SAMPLE_EMPTY
                : "no " + n + "-grams: every sample has fewer than " + n + " tokens";
    }
}
