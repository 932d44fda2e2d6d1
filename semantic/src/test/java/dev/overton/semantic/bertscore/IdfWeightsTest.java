package dev.overton.semantic.bertscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class IdfWeightsTest {

    private static final double DELTA = 1e-12;

    @Test
    void followsBertScoresFormulaCountingEachReferenceOnce() {
        // bert_score.utils.get_idf_dict: idf(w) = log((M + 1) / (df(w) + 1)), df counts references containing w
        // (a repeated token counts once per reference). Three references: id 7 in all, id 8 in one (twice).
        IdfWeights idf = IdfWeights.fromReferences(List.of(new long[] {7, 8, 8}, new long[] {7}, new long[] {7, 9}));

        assertThat(idf.weight(7)).isCloseTo(Math.log(4.0 / 4.0), within(DELTA));
        assertThat(idf.weight(8)).isCloseTo(Math.log(4.0 / 2.0), within(DELTA));
        assertThat(idf.weight(9)).isCloseTo(Math.log(4.0 / 2.0), within(DELTA));
        assertThat(idf.documents()).isEqualTo(3);
    }

    @Test
    void tokenAbsentFromEveryReferenceGetsTheLargestWeight() {
        IdfWeights idf = IdfWeights.fromReferences(List.of(new long[] {1}, new long[] {2}));

        assertThat(idf.weight(42)).isCloseTo(Math.log(3), within(DELTA));
    }

    @Test
    void uniformWeightsAreOne() {
        assertThat(IdfWeights.uniform().weight(5)).isEqualTo(1.0);
        assertThat(IdfWeights.uniform().isUniform()).isTrue();
    }
}
