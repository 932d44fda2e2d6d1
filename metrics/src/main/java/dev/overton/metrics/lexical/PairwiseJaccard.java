package dev.overton.metrics.lexical;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mean pairwise Jaccard similarity of a set of word bags, the paper's headline lexical (non-)diversity measure. Higher
 * means the responses share more words, i.e. the set is <em>less</em> diverse.
 *
 * <p>Jaccard of two sets is {@code |A ∩ B| / |A ∪ B|}. A pair where both sets are empty carries no information and is
 * skipped (it is neither similar nor dissimilar); a pair where only one is empty counts as 0. The mean is over the
 * pairs that were not skipped. With fewer than two bags, or when every pair is skipped, the value is undefined and
 * {@link Double#NaN} is returned, never 0: a single sample has no diversity to measure.
 */
public final class PairwiseJaccard {

    private PairwiseJaccard() {}

    /**
     * Jaccard similarity of two sets.
     *
     * @return {@code |a ∩ b| / |a ∪ b|}, or {@link Double#NaN} when both are empty
     */
    public static <T> double jaccard(Set<T> a, Set<T> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return Double.NaN;
        }
        Set<T> smaller = a.size() <= b.size() ? a : b;
        Set<T> larger = smaller == a ? b : a;
        int intersection = 0;
        for (T item : smaller) {
            if (larger.contains(item)) {
                intersection++;
            }
        }
        int union = a.size() + b.size() - intersection;
        return (double) intersection / union;
    }

    /**
     * Mean Jaccard over all unordered pairs of {@code bags}, skipping pairs where both are empty.
     *
     * @return the mean, or {@link Double#NaN} when there are fewer than two bags or every pair was skipped
     */
    public static <T> double mean(List<? extends Set<T>> bags) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < bags.size(); i++) {
            for (int j = i + 1; j < bags.size(); j++) {
                double value = jaccard(bags.get(i), bags.get(j));
                if (!Double.isNaN(value)) {
                    sum += value;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** The set of items of {@code tokens}. */
    public static <T> Set<T> bag(List<T> tokens) {
        return new HashSet<>(tokens);
    }
}
