package dev.overton.metrics.diversity;

import java.util.List;

/**
 * Mean absolute pairwise length difference of a set: {@code mean over unordered pairs i < j of |len(i) - len(j)|}, in
 * NLTK word tokens or in characters. It says how much the responses to one prompt differ in length, which matters
 * because the lexical measures move with length (longer answers share more words).
 *
 * <p>Range {@code [0, ∞)}; 0 when every response has the same length. Higher = lengths vary more (more diverse in
 * length). Fewer than two responses: undefined ({@link Double#NaN}, "fewer than two samples"). Empty texts are
 * ordinary responses of length 0.
 *
 * <p>Characters are UTF-16 code units ({@link String#length()}), the unit of the scorer's {@code length_chars}; tokens
 * are the unfiltered NLTK word tokens, the unit of {@code length_tokens}.
 */
public final class LengthDifference {

    /** Settings of the token version. */
    public static final String TOKENS_SETTINGS = "unit=nltk-punkt-treebank-v1-tokens;pairs=unordered;mean=arithmetic";

    /** Settings of the character version. */
    public static final String CHARS_SETTINGS = "unit=utf16-chars;pairs=unordered;mean=arithmetic";

    static final String FEWER_THAN_TWO = "fewer than two samples";

    private LengthDifference() {}

    /** Mean absolute pairwise difference of the responses' token counts. */
    public static MetricValue tokens(TokenizedSet set) {
        int[] lengths = new int[set.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = set.tokens().get(i).size();
        }
        return meanAbsoluteDifference(lengths, TOKENS_SETTINGS);
    }

    /** Mean absolute pairwise difference of the texts' lengths in UTF-16 code units. */
    public static MetricValue chars(List<String> texts) {
        int[] lengths = new int[texts.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = texts.get(i).length();
        }
        return meanAbsoluteDifference(lengths, CHARS_SETTINGS);
    }

    /** Mean of {@code |a - b|} over all unordered pairs of {@code lengths}. */
    static MetricValue meanAbsoluteDifference(int[] lengths, String settings) {
        if (lengths.length < 2) {
            return MetricValue.undefined(FEWER_THAN_TWO, settings);
        }
        long sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            for (int j = i + 1; j < lengths.length; j++) {
                sum += Math.abs((long) lengths[i] - lengths[j]);
            }
        }
        long pairs = (long) lengths.length * (lengths.length - 1) / 2;
        return MetricValue.of((double) sum / pairs, settings);
    }
}
