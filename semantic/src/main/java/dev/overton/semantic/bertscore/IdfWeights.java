package dev.overton.semantic.bertscore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inverse document frequency of token ids over a reference set, as {@code bert_score} computes it:
 * {@code idf(w) = ln((M + 1) / (df(w) + 1))}, with {@code M} the number of reference texts and {@code df(w)} the number
 * of them containing token {@code w}; a token absent from every reference gets {@code ln(M + 1)}. Special tokens are
 * never weighted here because {@link TokenMatrix} has already removed them (bert_score gives them weight 0). The
 * references are counted as given, duplicates included, which is what bert_score does with its {@code refs} list.
 *
 * <p>{@link #uniform()} gives every token weight 1: BERTScore without idf.
 */
public final class IdfWeights {

    private final Map<Long, Double> weights;
    private final double unseen;
    private final int documents;

    private IdfWeights(Map<Long, Double> weights, double unseen, int documents) {
        this.weights = weights;
        this.unseen = unseen;
        this.documents = documents;
    }

    /** Every token weighs 1. */
    public static IdfWeights uniform() {
        return new IdfWeights(Map.of(), 1.0, 0);
    }

    /** Idf over the given references, one id sequence per reference text. */
    public static IdfWeights fromReferences(List<long[]> references) {
        Map<Long, Integer> df = new HashMap<>();
        for (long[] ids : references) {
            Set<Long> distinct = new HashSet<>();
            for (long id : ids) {
                distinct.add(id);
            }
            for (Long id : distinct) {
                df.merge(id, 1, Integer::sum);
            }
        }
        int m = references.size();
        Map<Long, Double> weights = new HashMap<>();
        df.forEach((id, count) -> weights.put(id, Math.log((m + 1.0) / (count + 1.0))));
        return new IdfWeights(weights, Math.log(m + 1.0), m);
    }

    /** The weight of a token id. */
    public double weight(long id) {
        Double w = weights.get(id);
        return w == null ? unseen : w;
    }

    /** Number of reference texts counted (0 for uniform weights). */
    public int documents() {
        return documents;
    }

    /** Whether these are the uniform weights. */
    public boolean isUniform() {
        return documents == 0;
    }
}
