package dev.overton.metrics.lexical;

import dev.overton.metrics.text.PorterStemmer;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * How a text becomes the word bag that lexical Jaccard compares: n-gram order, stemming, and what a response shorter
 * than n content words contributes. Recorded with every lexical score (see {@link #describe()}) so that two numbers are
 * only ever compared when they were made the same way.
 *
 * @param n n-gram order, 1 (unigrams) or more
 * @param stem whether content tokens are Porter-stemmed (which also lowercases them) before forming n-grams
 * @param shortSequences what a filtered token sequence shorter than {@code n} (but not empty) yields
 */
public record LexicalSettings(int n, boolean stem, ShortSequences shortSequences) {

    /**
     * What a non-empty content-token sequence shorter than n yields. The paper's released numbers treat such a
     * sequence as one n-gram of its own ({@link #WHOLE_SEQUENCE}): two one-word answers "No." and "No, we should not."
     * then have equal bigram bags (Jaccard 1) instead of two empty ones (a skipped pair). Only that reproduces the
     * LIMA-OE bigram reference for mistral (0.0391; strict n-grams give 0.0371).
     */
    public enum ShortSequences {
        /** The whole sequence, joined, is the only n-gram (the paper's convention). */
        WHOLE_SEQUENCE("whole"),
        /** No n-grams: the bag is empty (textbook n-grams). */
        NONE("none");

        private final String code;

        ShortSequences(String code) {
            this.code = code;
        }
    }

    public LexicalSettings {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (shortSequences == null) {
            throw new IllegalArgumentException("shortSequences must not be null");
        }
    }

    /** The paper's settings for order {@code n}: stemmed or not, short sequences as one n-gram. */
    public static LexicalSettings paper(int n, boolean stem) {
        return new LexicalSettings(n, stem, ShortSequences.WHOLE_SEQUENCE);
    }

    /**
     * A compact record of these settings and of the fixed pipeline around them, e.g.
     * {@code tokenizer=nltk-punkt-treebank-v1;filter=stop179+punct;stem=porter-nltk;n=1;short=whole}.
     */
    public String describe() {
        return "tokenizer=" + TreebankWordTokenizer.NAME
                + ";filter=" + WordBags.FILTER_NAME
                + ";stem=" + (stem ? PorterStemmer.NAME : "none")
                + ";n=" + n
                + ";short=" + shortSequences.code;
    }
}
