package dev.overton.metrics.tokenshift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most often shifted tokens of a set of answers: each distinct token text (exactly as the base model's tokenizer
 * cut it, leading space included, so {@code " However"} and {@code "However"} are different tokens) with the number of
 * times it was shifted and that count's share of all shifted tokens. Ordered by count, most first; equal counts by text
 * (code-point order), so the list is the same on every run.
 */
public final class ShiftedTokens {

    private ShiftedTokens() {}

    /**
     * One often shifted token.
     *
     * @param text the token's text
     * @param count how many times it was shifted
     * @param share {@code count} over all shifted tokens of the answers
     */
    public record TokenCount(String text, long count, double share) {}

    /** The {@code limit} most often shifted tokens of {@code answers}; empty when no token was shifted. */
    public static List<TokenCount> top(List<List<RankedToken>> answers, int limit) {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (List<RankedToken> answer : answers) {
            for (RankedToken token : answer) {
                if (token.shiftClass() == ShiftClass.SHIFTED) {
                    counts.merge(token.text(), 1L, Long::sum);
                    total++;
                }
            }
        }
        long all = total;
        List<TokenCount> sorted = new ArrayList<>();
        counts.forEach((text, count) -> sorted.add(new TokenCount(text, count, (double) count / all)));
        sorted.sort(Comparator.comparingLong(TokenCount::count).reversed().thenComparing(TokenCount::text));
        return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
    }
}
