package dev.overton.semantic.bertscore;

/**
 * BERTScore's greedy matching between the token vectors of a candidate and a reference (Zhang et al., 2020): every
 * candidate token is matched to its most similar reference token and vice versa, similarity being the cosine of unit
 * vectors. Precision is the (idf-weighted) mean over candidate tokens of their best similarity, recall the same over
 * reference tokens, F1 their harmonic mean.
 *
 * <p>The whole similarity matrix is computed by a {@link MatchingKernel}: the register-tiled Vector API kernel when
 * the JVM has {@code jdk.incubator.vector}, the blocked scalar kernel otherwise ({@link MatchingKernels}). For two
 * 700-token responses with 384-dimensional vectors that is 190 million multiply-adds per pair. Pure maths,
 * thread-safe.
 */
public final class GreedyMatcher {

    /** Raw (not rescaled) precision, recall and F1 of one pair, or {@code reason} when undefined (values NaN). */
    public record Match(double precision, double recall, double f1, String reason) {}

    private GreedyMatcher() {}

    /**
     * Matches a candidate against a reference.
     *
     * @return the scores; undefined (NaN, with the reason) when either text has no content token, when all weights of
     *     a side are 0 (possible with idf when every token occurs in every reference), or when precision + recall is 0
     */
    public static Match match(TokenMatrix candidate, TokenMatrix reference, IdfWeights idf) {
        return match(candidate, reference, idf, MatchingKernels.best());
    }

    /** As {@link #match(TokenMatrix, TokenMatrix, IdfWeights)}, with the given kernel (benchmarks compare kernels). */
    public static Match match(TokenMatrix candidate, TokenMatrix reference, IdfWeights idf, MatchingKernel kernel) {
        if (candidate.length() == 0) {
            return undefined("candidate has no tokens");
        }
        if (reference.length() == 0) {
            return undefined("reference has no tokens");
        }
        if (candidate.dimension() != reference.dimension()) {
            throw new IllegalArgumentException("token vectors differ in dimension: " + candidate.dimension() + " and "
                    + reference.dimension() + " (were they made by the same encoder?)");
        }
        float[][] best = bestSimilarities(
                kernel,
                candidate.vectors(),
                candidate.length(),
                reference.vectors(),
                reference.length(),
                candidate.dimension());
        double precision = weightedMean(best[0], candidate.ids(), idf);
        double recall = weightedMean(best[1], reference.ids(), idf);
        if (Double.isNaN(precision) || Double.isNaN(recall)) {
            return undefined("all idf weights of a text are 0");
        }
        if (precision + recall == 0) {
            return new Match(precision, recall, Double.NaN, "precision + recall is 0");
        }
        return new Match(precision, recall, 2 * precision * recall / (precision + recall), null);
    }

    private static Match undefined(String reason) {
        return new Match(Double.NaN, Double.NaN, Double.NaN, reason);
    }

    private static double weightedMean(float[] values, long[] ids, IdfWeights idf) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < values.length; i++) {
            double w = idf.weight(ids[i]);
            sum += w * values[i];
            weights += w;
        }
        return weights == 0 ? Double.NaN : sum / weights;
    }

    /**
     * For unit row vectors {@code c} ({@code nc × d}) and {@code r} ({@code nr × d}), with the kernel in use
     * ({@link MatchingKernels#best()}): {@code [0]} the best similarity of each row of {@code c} to any row of
     * {@code r}, {@code [1]} the best of each row of {@code r} to any row of {@code c}.
     */
    static float[][] bestSimilarities(float[] c, int nc, float[] r, int nr, int d) {
        return bestSimilarities(MatchingKernels.best(), c, nc, r, nr, d);
    }

    static float[][] bestSimilarities(MatchingKernel kernel, float[] c, int nc, float[] r, int nr, int d) {
        float[] candBest = new float[nc];
        float[] refBest = new float[nr];
        kernel.bestSimilarities(c, nc, r, nr, d, candBest, refBest);
        return new float[][] {candBest, refBest};
    }
}
