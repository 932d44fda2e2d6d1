package dev.overton.semantic.bertscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.embedding.Vectors;

/**
 * Both matching kernels against the straightforward greedy matching (every candidate token against every reference
 * token, one dot product at a time: the implementation before the blocked kernels, kept here as the reference), on
 * random unit vectors of many shapes, with and without idf weights.
 */
class MatchingKernelsTest {

    private static final double DELTA = 1e-6;

    /** (candidate tokens, reference tokens, dimension): odd sizes, single tokens, empty sides, a 700-token pair. */
    private static final int[][] SHAPES = {
        {1, 1, 384},
        {1, 1, 1},
        {0, 5, 8},
        {5, 0, 8},
        {0, 0, 8},
        {7, 5, 13},
        {9, 300, 16},
        {3, 97, 5},
        {50, 1, 384},
        {1, 50, 384},
        {33, 49, 384},
        {4, 48, 7},
        {5, 49, 7},
        {131, 257, 384},
        {700, 700, 384}
    };

    @Test
    void theVectorKernelIsInUseWhenTheJvmHasTheVectorApiOnceWarm() throws InterruptedException {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector (semantic.jvm.args), as the services do.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(MatchingKernels.vectorOrNull()).isNotNull();
        assertThat(MatchingKernels.awaitWarmUp(2, TimeUnit.MINUTES)).isTrue();
        assertThat(MatchingKernels.best()).isSameAs(MatchingKernels.vectorOrNull());
        assertThat(MatchingKernels.best().name()).startsWith("vector-");
    }

    @Test
    void everyKernelAgreesWithStraightforwardMatchingOnRandomShapes() {
        Random random = new Random(16);
        for (MatchingKernel kernel : kernels()) {
            for (int[] shape : SHAPES) {
                TokenMatrix c = randomMatrix(random, shape[0], shape[2], 40);
                TokenMatrix r = randomMatrix(random, shape[1], shape[2], 40);
                IdfWeights idf = IdfWeights.fromReferences(
                        List.of(r.ids(), randomMatrix(random, 9, 1, 40).ids()));
                for (IdfWeights weights : List.of(IdfWeights.uniform(), idf)) {
                    GreedyMatcher.Match expected = StraightforwardMatcher.match(c, r, weights);
                    GreedyMatcher.Match actual = GreedyMatcher.match(c, r, weights, kernel);
                    String what = kernel.name() + " on " + shape[0] + " x " + shape[1] + " x " + shape[2];
                    assertClose(actual.precision(), expected.precision(), what + " precision");
                    assertClose(actual.recall(), expected.recall(), what + " recall");
                    assertClose(actual.f1(), expected.f1(), what + " f1");
                    assertThat(actual.reason()).as(what).isEqualTo(expected.reason());
                }
            }
        }
    }

    @Test
    void everyKernelFindsEachRowsAndColumnsBestSimilarity() {
        Random random = new Random(7);
        for (MatchingKernel kernel : kernels()) {
            for (int[] shape : SHAPES) {
                int nc = shape[0];
                int nr = shape[1];
                int d = shape[2];
                float[] c = randomMatrix(random, nc, d, 2).vectors();
                float[] r = randomMatrix(random, nr, d, 2).vectors();
                float[] candBest = new float[nc];
                float[] refBest = new float[nr];

                kernel.bestSimilarities(c, nc, r, nr, d, candBest, refBest);

                float[][] expected = StraightforwardMatcher.bestSimilarities(c, nc, r, nr, d);
                for (int i = 0; i < nc; i++) {
                    assertClose(candBest[i], expected[0][i], kernel.name() + " row " + i);
                }
                for (int j = 0; j < nr; j++) {
                    assertClose(refBest[j], expected[1][j], kernel.name() + " column " + j);
                }
            }
        }
    }

    private static List<MatchingKernel> kernels() {
        List<MatchingKernel> kernels = new ArrayList<>(List.of(MatchingKernels.scalar()));
        if (MatchingKernels.vectorOrNull() != null) {
            kernels.add(MatchingKernels.vectorOrNull());
        }
        return kernels;
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(DELTA));
        }
    }

    /** Unit rows of Gaussian entries, ids drawn from {@code 0..vocabulary}. */
    private static TokenMatrix randomMatrix(Random random, int n, int d, int vocabulary) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        Vectors.normaliseRows(v, d);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(vocabulary);
        }
        return new TokenMatrix(ids, v, d, 0);
    }

    /** The reference: the definition, written out with no blocking (float dot products, as the encoder's floats). */
    private static final class StraightforwardMatcher {

        static GreedyMatcher.Match match(TokenMatrix candidate, TokenMatrix reference, IdfWeights idf) {
            if (candidate.length() == 0) {
                return new GreedyMatcher.Match(Double.NaN, Double.NaN, Double.NaN, "candidate has no tokens");
            }
            if (reference.length() == 0) {
                return new GreedyMatcher.Match(Double.NaN, Double.NaN, Double.NaN, "reference has no tokens");
            }
            int d = candidate.dimension();
            float[][] best = bestSimilarities(
                    candidate.vectors(), candidate.length(), reference.vectors(), reference.length(), d);
            double p = weightedMean(best[0], candidate.ids(), idf);
            double r = weightedMean(best[1], reference.ids(), idf);
            if (Double.isNaN(p) || Double.isNaN(r)) {
                return new GreedyMatcher.Match(Double.NaN, Double.NaN, Double.NaN, "all idf weights of a text are 0");
            }
            if (p + r == 0) {
                return new GreedyMatcher.Match(p, r, Double.NaN, "precision + recall is 0");
            }
            return new GreedyMatcher.Match(p, r, 2 * p * r / (p + r), null);
        }

        static float[][] bestSimilarities(float[] c, int nc, float[] r, int nr, int d) {
            float[] candBest = new float[nc];
            float[] refBest = new float[nr];
            java.util.Arrays.fill(candBest, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(refBest, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < nc; i++) {
                for (int j = 0; j < nr; j++) {
                    float dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += c[i * d + k] * r[j * d + k];
                    }
                    candBest[i] = Math.max(candBest[i], dot);
                    refBest[j] = Math.max(refBest[j], dot);
                }
            }
            return new float[][] {candBest, refBest};
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
    }
}
