package dev.overton.semantic.bertscore;

/**
 * The inner loop of BERTScore's greedy matching: for unit row vectors {@code c} ({@code nc × d}, row-major) and
 * {@code r} ({@code nr × d}), the best similarity of each row of {@code c} to any row of {@code r} and of each row of
 * {@code r} to any row of {@code c}. It is the whole similarity matrix {@code c · rᵀ} reduced by row and column maxima,
 * and it dominates BERTScore's cost (190 million multiply-adds for two 700-token responses with 384-dimensional
 * vectors), hence one interface and two implementations: {@link ScalarMatchingKernel} (plain Java, runs everywhere)
 * and a Vector API kernel used when the JVM has {@code jdk.incubator.vector} ({@link MatchingKernels#best()} chooses).
 * Implementations are pure, stateless and thread-safe.
 */
public interface MatchingKernel {

    /**
     * Fills {@code candBest[0..nc)} and {@code refBest[0..nr)} with the best similarities (with {@code nr = 0} every
     * candidate's best is −∞, and the other way round). Values may differ between kernels only by float rounding (summation order, fused multiply-add).
     */
    void bestSimilarities(float[] c, int nc, float[] r, int nr, int d, float[] candBest, float[] refBest);

    /** A short name for benchmarks and logs, e.g. {@code scalar} or {@code vector-512}. */
    String name();
}
