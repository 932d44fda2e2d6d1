package dev.overton.scorer.scoring;

/** The snake_case metric names served by the API; each is documented in {@code docs/metrics.md}. */
public final class MetricNames {

    /** Mean pairwise unigram Jaccard of a set (higher = less diverse). */
    public static final String JACCARD_1 = "jaccard_1";

    /** Mean pairwise bigram Jaccard of a set (higher = less diverse). */
    public static final String JACCARD_2 = "jaccard_2";

    /** Mean pairwise unigram Jaccard over Porter stems (higher = less diverse). */
    public static final String JACCARD_1_STEM = "jaccard_1_stem";

    /** Mean length of a set's responses in word tokens. */
    public static final String MEAN_TOKENS = "mean_tokens";

    /** Mean length of a set's responses in characters. */
    public static final String MEAN_CHARS = "mean_chars";

    /** Length of one response in word tokens. */
    public static final String LENGTH_TOKENS = "length_tokens";

    /** Length of one response in characters. */
    public static final String LENGTH_CHARS = "length_chars";

    /**
     * Unigram Jaccard of one candidate sample against the reference variant's sample 0 for the same prompt (a pair
     * value: higher = closer to the aligned answer).
     */
    public static final String PAIR_JACCARD_1 = "pair_jaccard_1";

    /** ROUGE-L F of one candidate sample against the reference variant's sample 0 (a pair value). */
    public static final String PAIR_ROUGE_L = "pair_rouge_l";

    private MetricNames() {}
}
