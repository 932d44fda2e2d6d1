package dev.overton.metrics.diversity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.overton.metrics.lexical.WordBags;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries"): the longest common subsequence (LCS)
 * of two token sequences, as precision {@code LCS / |candidate|}, recall {@code LCS / |reference|} and F-measure with
 * beta = 1, {@code F = 2PR / (P + R)} (0 when the LCS is 0). Used within a set for {@link Homogenization} and between
 * a candidate and a reference text by the scorer, so it is public and independent of any set.
 *
 * <p>Tokens: NLTK word tokens, lowercased ({@link Locale#ROOT}), with tokens that are all ASCII punctuation dropped
 * ({@link WordBags#isAsciiPunctuation}). This stays close to Google's {@code rouge_score} (the implementation behind
 * Padmakumar and He's homogenization), which lowercases and keeps only runs of {@code [a-z0-9]}; unlike it, NLTK tokens
 * keep contractions as {@code do}+{@code n't}, hyphenated words whole, and non-ASCII letters.
 *
 * <p>Degenerate inputs: both sequences empty gives {@link Double#NaN} (nothing to compare, like Jaccard of two empty
 * bags); exactly one empty gives 0, as {@code rouge_score} does.
 *
 * <p>The LCS length is computed bit-parallel (Crochemore, Iliopoulos, Pinzon and Reid 2001, "A fast and practical
 * bit-vector algorithm for the longest common subsequence problem"; Hyyrö 2004): the shorter sequence's positions are
 * the bits of a vector updated once per token of the longer one with one addition, so two 700-token answers cost
 * 700 * 11 word operations instead of 700 * 700 table cells. It gives exactly the length of the classic dynamic
 * programme (the tests compare both on random sequences). The scorer computes ROUGE-L for every between-variant pair
 * and homogenization for every pair within a set, which made the table the largest single cost of lexical scoring.
 */
public final class RougeL {

    /** Settings of a ROUGE-L value computed over {@link #tokens}. */
    public static final String SETTINGS =
            "rouge-l;tokens=" + TreebankWordTokenizer.NAME + ";lowercase=root;drop=ascii-punctuation;beta=1";

    /** Precision, recall and F-measure of one comparison; all NaN when both sequences are empty. */
    public record Score(double precision, double recall, double f) {}

    private RougeL() {}

    /** The ROUGE-L tokens of {@code text}: NLTK word tokens, lowercased, punctuation-only tokens dropped. */
    public static List<String> tokens(String text) {
        return normalise(TreebankWordTokenizer.wordTokenize(text));
    }

    /** The ROUGE-L tokens of already tokenized text (NLTK word tokens): lowercased, punctuation-only tokens dropped. */
    public static List<String> normalise(List<String> wordTokens) {
        List<String> tokens = new ArrayList<>(wordTokens.size());
        for (String token : wordTokens) {
            if (!WordBags.isAsciiPunctuation(token)) {
                tokens.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    /** ROUGE-L F of two texts, tokenized as {@link #tokens}. */
    public static double f(String candidate, String reference) {
        return score(tokens(candidate), tokens(reference)).f();
    }

    /** ROUGE-L of {@code candidate} against {@code reference}, both already normalised token sequences. */
    public static Score score(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() && reference.isEmpty()) {
            return new Score(Double.NaN, Double.NaN, Double.NaN);
        }
        if (candidate.isEmpty() || reference.isEmpty()) {
            return new Score(0, 0, 0);
        }
        Map<String, Integer> ids = new HashMap<>();
        return score(lcsLength(toIds(candidate, ids), toIds(reference, ids)), candidate.size(), reference.size());
    }

    /** The score of an LCS of length {@code lcs} between sequences of the given (non-zero) lengths. */
    static Score score(int lcs, int candidateLength, int referenceLength) {
        if (lcs == 0) {
            return new Score(0, 0, 0);
        }
        double precision = (double) lcs / candidateLength;
        double recall = (double) lcs / referenceLength;
        return new Score(precision, recall, 2 * precision * recall / (precision + recall));
    }

    /** The F-measure of two id sequences; NaN when both are empty, 0 when one is. */
    static double f(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return Double.NaN;
        }
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        return score(lcsLength(a, b), a.length, b.length).f();
    }

    /**
     * The length of a longest common subsequence of {@code a} and {@code b}: O(max(|a|, |b|) * min(|a|, |b|) / 64)
     * time, O(distinct symbols of the shorter * min(|a|, |b|) / 64) memory.
     */
    public static int lcsLength(int[] a, int[] b) {
        int[] shorter = a.length <= b.length ? a : b;
        int[] longer = shorter == a ? b : a;
        int m = shorter.length;
        if (m == 0) {
            return 0;
        }
        int words = (m + 63) >>> 6;
        // Bit i of matches[row] is set where shorter[i] is the row's symbol.
        Map<Integer, Integer> rows = new HashMap<>();
        for (int symbol : shorter) {
            rows.putIfAbsent(symbol, rows.size());
        }
        long[] matches = new long[rows.size() * words];
        for (int i = 0; i < m; i++) {
            matches[rows.get(shorter[i]) * words + (i >>> 6)] |= 1L << (i & 63);
        }
        // A zero bit of v marks a position of the shorter sequence matched by an LCS of the prefix seen so far.
        long[] v = new long[words];
        Arrays.fill(v, -1L);
        for (int symbol : longer) {
            Integer row = rows.get(symbol);
            if (row == null) {
                continue; // no match: v' = (v + 0) | (v & ~0) = v
            }
            int offset = row * words;
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long x = v[w];
                long u = x & matches[offset + w];
                long sum = x + u;
                long carryOut = Long.compareUnsigned(sum, x) < 0 ? 1 : 0;
                long total = sum + carry;
                if (carry != 0 && total == 0) {
                    carryOut = 1;
                }
                carry = carryOut;
                v[w] = total | (x & ~u);
            }
        }
        int zeros = 0;
        for (int w = 0; w < words; w++) {
            int bits = Math.min(64, m - (w << 6));
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            zeros += Long.bitCount(~v[w] & mask);
        }
        return zeros;
    }

    /** The length of a longest common subsequence of two token lists (tokens compared with {@code equals}). */
    public static int lcsLength(List<String> a, List<String> b) {
        Map<String, Integer> ids = new HashMap<>();
        return lcsLength(toIds(a, ids), toIds(b, ids));
    }

    /** The ids of {@code tokens} under a shared vocabulary, extended as new tokens appear. */
    static int[] toIds(List<String> tokens, Map<String, Integer> ids) {
        int[] result = new int[tokens.size()];
        for (int i = 0; i < result.length; i++) {
            Integer id = ids.putIfAbsent(tokens.get(i), ids.size());
            result[i] = id == null ? ids.size() - 1 : id;
        }
        return result;
    }
}
