package dev.overton.metrics.diversity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Share of distinct opening prefixes in a set: the number of distinct normalised first-k-character prefixes divided
 * by the number of responses. Aligned models tend to open every sample the same way ("Sure! Here are ..."); this
 * catches that template-level sameness, which word-bag measures dilute over a long answer.
 *
 * <p>Normalisation, chosen so that layout differences do not count as different openings: leading whitespace is
 * dropped, every run of whitespace (Java whitespace or a Unicode space character such as U+00A0) becomes one space,
 * and each code point is lowercased with {@link Character#toLowerCase(int)}; then the first {@code k} code points are
 * kept (the whole normalised text when it is shorter). A trailing space at the cut is kept, since it only arises when
 * more text follows.
 *
 * <p>Range {@code [1/N, 1]} for N responses. Higher = openings differ more (more diverse). Fewer than two responses:
 * undefined ({@link Double#NaN}, "fewer than two samples"), since a lone response is trivially distinct. Empty or blank
 * texts all have the empty prefix, so they count as one opening among themselves.
 */
public final class DistinctPrefixes {

    /** Default prefix length, in code points. */
    public static final int DEFAULT_K = 20;

    private DistinctPrefixes() {}

    /** The settings string for prefix length {@code k}. */
    public static String settings(int k) {
        return "k=" + k + ";unit=codepoint;normalise=trim-leading+collapse-whitespace+lowercase";
    }

    /** Share of distinct prefixes of length {@link #DEFAULT_K}. */
    public static MetricValue share(List<String> texts) {
        return share(texts, DEFAULT_K);
    }

    /** Share of distinct normalised first-{@code k}-code-point prefixes among {@code texts}. */
    public static MetricValue share(List<String> texts, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        String settings = settings(k);
        if (texts.size() < 2) {
            return MetricValue.undefined(LengthDifference.FEWER_THAN_TWO, settings);
        }
        Set<String> prefixes = new HashSet<>();
        for (String text : texts) {
            prefixes.add(prefix(text, k));
        }
        return MetricValue.of((double) prefixes.size() / texts.size(), settings);
    }

    /** The normalised first {@code k} code points of {@code text} (see the class comment). */
    public static String prefix(String text, int k) {
        StringBuilder prefix = new StringBuilder(k + 4);
        int kept = 0;
        boolean pendingSpace = false;
        int i = 0;
        while (i < text.length() && kept < k) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = kept > 0;
                continue;
            }
            if (pendingSpace) {
                prefix.append(' ');
                pendingSpace = false;
                if (++kept == k) {
                    break;
                }
            }
            prefix.appendCodePoint(Character.toLowerCase(cp));
            kept++;
        }
        return prefix.toString();
    }
}
