package dev.overton.metrics.diversity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Homogenization of a set by ROUGE-L (Padmakumar and He 2023, "Does Writing with Language Models Reduce Content
 * Diversity?", arXiv 2309.05196): the mean ROUGE-L F-measure between responses of the set. How much the responses
 * follow one another's word order, beyond sharing words.
 *
 * <p>Padmakumar and He average, for each document, its similarity to every other document, then average over
 * documents, i.e. the mean over ordered pairs (i, j), i ≠ j. ROUGE-L F with beta = 1 is symmetric, so that equals the
 * mean over unordered pairs, which is what is computed (half the LCS work). Tokens and F are those of {@link RougeL}.
 * A pair of two empty (token-less) responses is skipped, as in pairwise Jaccard; a pair with one empty response counts
 * as 0.
 *
 * <p>Range {@code [0, 1]}. Higher = more homogeneous (less diverse). Fewer than two responses: undefined
 * ({@link Double#NaN}, "fewer than two samples"); every pair skipped (all responses without word tokens): undefined
 * ("every pair of samples is empty").
 */
public final class Homogenization {

    /** Settings of the value. */
    public static final String SETTINGS = RougeL.SETTINGS + ";pairs=unordered;skip=both-empty";

    private Homogenization() {}

    /** Mean pairwise ROUGE-L F of {@code set}'s responses. */
    public static MetricValue of(TokenizedSet set) {
        int responses = set.size();
        if (responses < 2) {
            return MetricValue.undefined(LengthDifference.FEWER_THAN_TWO, SETTINGS);
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        int[][] ids = new int[responses][];
        for (int i = 0; i < responses; i++) {
            List<String> tokens = RougeL.normalise(set.tokens().get(i));
            ids[i] = RougeL.toIds(tokens, vocabulary);
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < responses; i++) {
            for (int j = i + 1; j < responses; j++) {
                double f = RougeL.f(ids[i], ids[j]);
                if (!Double.isNaN(f)) {
                    sum += f;
                    pairs++;
                }
            }
        }
        if (pairs == 0) {
            return MetricValue.undefined("every pair of samples is empty", SETTINGS);
        }
        return MetricValue.of(sum / pairs, SETTINGS);
    }
}
