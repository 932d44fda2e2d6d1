package dev.overton.semantic.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class EmbeddingDiversityTest {

    private static final double DELTA = 1e-9;
    private static final String SETTINGS = "embedding(test)";

    private static float[] v(float... x) {
        return x;
    }

    @Test
    void identicalSamplesHaveVendiOneAndNoDistance() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(1, 0), v(1, 0), v(1, 0)), SETTINGS);

        assertThat(d.meanPairwiseCosine().value()).isCloseTo(1, within(DELTA));
        assertThat(d.remoteClique().value()).isCloseTo(0, within(DELTA));
        assertThat(d.chamferDistance().value()).isCloseTo(0, within(DELTA));
        assertThat(d.vendiScore().value()).isCloseTo(1, within(DELTA));
    }

    @Test
    void orthogonalSamplesHaveVendiN() {
        // Friedman & Dieng: for K = I the Vendi score equals n.
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)), SETTINGS);

        assertThat(d.meanPairwiseCosine().value()).isCloseTo(0, within(DELTA));
        assertThat(d.remoteClique().value()).isCloseTo(1, within(DELTA));
        assertThat(d.chamferDistance().value()).isCloseTo(1, within(DELTA));
        assertThat(d.vendiScore().value()).isCloseTo(3, within(DELTA));
    }

    @Test
    void vendiMatchesNumpyOnAGivenSimilarityMatrix() {
        // numpy: w = eigvalsh(K/3); exp(-(w*log w).sum()) for K below.
        double[][] k = {{1, 0.8, 0.1}, {0.8, 1, 0.2}, {0.1, 0.2, 1}};

        assertThat(EmbeddingDiversity.vendiScore(k)).isCloseTo(2.31349235316161, within(1e-9));
    }

    @Test
    void chamferIsZeroForDuplicatedPairsWhileRemoteCliqueIsNot() {
        List<float[]> twoPairs = List.of(v(1, 0), v(1, 0), v(0, 1), v(0, 1));

        EmbeddingDiversity d = EmbeddingDiversity.of(twoPairs, SETTINGS);

        // Pairs: 2 identical (cos 1) and 4 orthogonal (cos 0): mean cos 1/3, remote-clique 2/3; eigenvalues of K/4
        // are 1/2, 1/2, 0, 0, so Vendi = exp(ln 2) = 2.
        assertThat(d.chamferDistance().value()).isCloseTo(0, within(DELTA));
        assertThat(d.remoteClique().value()).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(d.vendiScore().value()).isCloseTo(2, within(1e-9));
    }

    @Test
    void cosinesDoNotDependOnVectorLength() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(3, 0), v(0, 0.5f)), SETTINGS);

        assertThat(d.meanPairwiseCosine().value()).isCloseTo(0, within(DELTA));
    }

    @Test
    void oneSampleLeavesPairMeasuresUndefinedAndVendiOne() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(1, 0)), SETTINGS);

        assertThat(d.meanPairwiseCosine().defined()).isFalse();
        assertThat(d.meanPairwiseCosine().reason()).isEqualTo("fewer than two samples");
        assertThat(d.chamferDistance().defined()).isFalse();
        assertThat(d.vendiScore().value()).isCloseTo(1, within(DELTA));
    }

    @Test
    void emptySetIsUndefinedEverywhere() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(), SETTINGS);

        assertThat(d.vendiScore().defined()).isFalse();
        assertThat(d.vendiScore().reason()).isEqualTo("no samples");
    }

    @Test
    void aZeroEmbeddingMakesEveryMeasureUndefined() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(1, 0), v(0, 0)), SETTINGS);

        assertThat(d.vendiScore().defined()).isFalse();
        assertThat(d.remoteClique().reason()).contains("zero vector");
    }

    @Test
    void valuesCarryTheEmbeddingSettings() {
        EmbeddingDiversity d = EmbeddingDiversity.of(List.of(v(1, 0), v(0, 1)), SETTINGS);

        assertThat(d.vendiScore().settings()).isEqualTo("embedding(test);kernel=cosine");
    }
}
