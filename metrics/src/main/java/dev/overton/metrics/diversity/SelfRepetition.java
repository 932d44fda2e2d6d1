package dev.overton.metrics.diversity;

import java.util.Arrays;

/**
 * Self-repetition score of a set (Salkar et al. 2022, "Self-Repetition in Abstractive Neural
 * Summarizers"; as packaged by Shaib et al. 2024, "Standardizing the Measurement of Text Diversity"): how much each
 * response reuses 4-grams that also occur in other responses of the set, on a log scale.
 *
 * <p>Exactly, for a set of N responses with G_i the set of distinct 4-grams of response i and df(g) the number of
 * responses whose 4-grams include g:
 *
 * <pre>
 *   score(i) = ln( 1 + sum over g in G_i of (df(g) - 1) )     -- df(g) - 1 = the OTHER responses containing g
 *   self_repetition = (1 / N) * sum over i of score(i)
 * </pre>
 *
 * <p>This is Shaib et al.'s released formula (distinct 4-grams per response, natural log, add-one inside the log,
 * mean over responses); their n-grams are whitespace-split words, here they are those of {@link NgramIndex} (NLTK word
 * tokens, case kept, punctuation kept).
 *
 * <p>Range {@code [0, ln(1 + (N - 1) * max |G_i|)]}; 0 when no 4-gram is shared. Higher = more cross-response
 * repetition (less diverse). Fewer than two responses: undefined ({@link Double#NaN}, "fewer than two samples"), since
 * there is no other response to repeat. A response with fewer than 4 tokens (an empty one included) has no 4-grams and
 * scores ln 1 = 0.
 */
public final class SelfRepetition {

    /** The n-gram order of the score. */
    public static final int N = 4;

    /** Settings of the value. */
    public static final String SETTINGS =
            NgramIndex.TOKENS + ";n=4;ngrams=distinct-per-sample;score=ln(1+sum(other-samples-containing));mean";

    private SelfRepetition() {}

    /** The score of {@code set}. */
    public static MetricValue of(TokenizedSet set) {
        return of(NgramIndex.of(set, N));
    }

    /** The score of the set indexed by {@code index}, which must hold order 4. */
    public static MetricValue of(NgramIndex index) {
        int responses = index.responses();
        if (responses < 2) {
            return MetricValue.undefined(LengthDifference.FEWER_THAN_TWO, SETTINGS);
        }
        int distinct = index.distinct(N);
        int[] documentFrequency = new int[distinct];
        int[] lastSeen = new int[distinct];
        Arrays.fill(lastSeen, -1);
        for (int r = 0; r < responses; r++) {
            for (int id : index.ids(N, r)) {
                if (lastSeen[id] != r) {
                    lastSeen[id] = r;
                    documentFrequency[id]++;
                }
            }
        }
        Arrays.fill(lastSeen, -1);
        double sum = 0;
        for (int r = 0; r < responses; r++) {
            long others = 0;
            for (int id : index.ids(N, r)) {
                if (lastSeen[id] != r) {
                    lastSeen[id] = r;
                    others += documentFrequency[id] - 1;
                }
            }
            sum += Math.log1p(others);
        }
        return MetricValue.of(sum / responses, SETTINGS);
    }
}
