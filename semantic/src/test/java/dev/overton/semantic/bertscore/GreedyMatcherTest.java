package dev.overton.semantic.bertscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GreedyMatcherTest {

    private static final double DELTA = 1e-6;

    /** A matrix of unit 2-d vectors at the given angles (degrees), with ids 1..n. */
    private static TokenMatrix angles(double... degrees) {
        float[] v = new float[degrees.length * 2];
        long[] ids = new long[degrees.length];
        for (int i = 0; i < degrees.length; i++) {
            v[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
            v[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
            ids[i] = i + 1;
        }
        return new TokenMatrix(ids, v, 2, 0);
    }

    @Test
    void identicalTokensScoreOne() {
        GreedyMatcher.Match m = GreedyMatcher.match(angles(0, 90), angles(0, 90), IdfWeights.uniform());

        assertThat(m.precision()).isCloseTo(1, within(DELTA));
        assertThat(m.recall()).isCloseTo(1, within(DELTA));
        assertThat(m.f1()).isCloseTo(1, within(DELTA));
    }

    @Test
    void precisionAveragesCandidateBestMatchesAndRecallReferenceBestMatches() {
        // Worked by hand. Candidate at 0° and 60°, reference at 0°.
        // Precision: best matches cos 0 = 1 and cos 60 = 0.5 -> 0.75. Recall: the reference token's best is 1 -> 1.
        // F1 = 2 * 0.75 * 1 / 1.75 = 0.857142...
        GreedyMatcher.Match m = GreedyMatcher.match(angles(0, 60), angles(0), IdfWeights.uniform());

        assertThat(m.precision()).isCloseTo(0.75, within(DELTA));
        assertThat(m.recall()).isCloseTo(1, within(DELTA));
        assertThat(m.f1()).isCloseTo(2 * 0.75 / 1.75, within(DELTA));
    }

    @Test
    void idfWeightsTheMeans() {
        // Candidate ids 1 (0°) and 2 (60°). Weights from one reference holding id 1 only: M = 1,
        // idf(1) = ln(2/2) = 0, idf(2) = ln(2/1) = ln 2 -> precision = cos 60° = 0.5 (token 1 weighs nothing).
        IdfWeights idf = IdfWeights.fromReferences(List.of(new long[] {1}));

        GreedyMatcher.Match m = GreedyMatcher.match(angles(0, 60), angles(0, 45), idf);

        // Reference ids 1 (0°) and 2 (45°): recall weighs only id 2, whose best match is 60° vs 45° -> cos 15°.
        assertThat(m.precision()).isCloseTo(Math.cos(Math.toRadians(15)), within(DELTA));
        assertThat(m.recall()).isCloseTo(Math.cos(Math.toRadians(15)), within(DELTA));
    }

    @Test
    void emptyCandidateIsUndefinedWithAReason() {
        TokenMatrix empty = new TokenMatrix(new long[0], new float[0], 2, 0);

        GreedyMatcher.Match m = GreedyMatcher.match(empty, angles(0), IdfWeights.uniform());

        assertThat(m.f1()).isNaN();
        assertThat(m.reason()).isEqualTo("candidate has no tokens");
    }

    @Test
    void blockedMatrixProductAgreesWithNaiveLoopsForOddSizes() {
        agreesWithNaiveLoops(7, 5, 13);
        agreesWithNaiveLoops(9, 300, 16);
    }

    private static void agreesWithNaiveLoops(int nc, int nr, int d) {
        Random random = new Random(3);
        float[] c = new float[nc * d];
        float[] r = new float[nr * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }

        float[][] best = GreedyMatcher.bestSimilarities(c, nc, r, nr, d);

        for (int i = 0; i < nc; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < nr; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += c[i * d + k] * r[j * d + k];
                }
                max = Math.max(max, dot);
            }
            assertThat((double) best[0][i]).isCloseTo(max, within(1e-4));
        }
        for (int j = 0; j < nr; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < nc; i++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += c[i * d + k] * r[j * d + k];
                }
                max = Math.max(max, dot);
            }
            assertThat((double) best[1][j]).isCloseTo(max, within(1e-4));
        }
    }
}
