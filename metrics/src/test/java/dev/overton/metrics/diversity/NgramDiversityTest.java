package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class NgramDiversityTest {

    private static final double DELTA = 1e-12;

    @Test
    void scoreIsTheSumOfDistinctOneToFour() {
        // by hand (see DistinctNTest): 3/7 + 3/5 + 1 + 1
        assertThat(NgramDiversity.of(DistinctNTest.ABAB_ABC).value()).isCloseTo(3.0 / 7 + 3.0 / 5 + 2, within(DELTA));
    }

    @Test
    void entirelyDistinctTextScoresFour() {
        TokenizedSet set = TokenizedSet.of(List.of("alpha beta gamma delta", "epsilon zeta eta theta"));
        assertThat(NgramDiversity.of(NgramIndex.of(set, 4)).value()).isCloseTo(4.0, within(DELTA));
    }

    @Test
    void setWithNoFourTokenResponseIsUndefined() {
        TokenizedSet set = TokenizedSet.of(List.of("one two three", "four"));
        MetricValue value = NgramDiversity.of(NgramIndex.of(set, 4));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).contains("4-grams");
    }
}
