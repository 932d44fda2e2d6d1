package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class DistinctNTest {

    private static final double DELTA = 1e-12;

    /** Responses "a b a b" and "a b c" as tokens. */
    static final NgramIndex ABAB_ABC = NgramIndex.of(List.of(List.of("a", "b", "a", "b"), List.of("a", "b", "c")), 4);

    @Test
    void distinctNIsDistinctOverTotalNgramsPooledOverTheSet() {
        // by hand: unigrams 7, distinct {a,b,c} = 3; bigrams ab,ba,ab + ab,bc = 5, distinct 3;
        // trigrams aba,bab + abc = 3, distinct 3; 4-grams abab = 1, distinct 1
        assertThat(DistinctN.of(ABAB_ABC, 1).value()).isCloseTo(3.0 / 7, within(DELTA));
        assertThat(DistinctN.of(ABAB_ABC, 2).value()).isCloseTo(3.0 / 5, within(DELTA));
        assertThat(DistinctN.of(ABAB_ABC, 3).value()).isCloseTo(1.0, within(DELTA));
        assertThat(DistinctN.of(ABAB_ABC, 4).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void oneResponseMeasuresItsOwnRepetition() {
        // "the cat the cat": 2 distinct of 4 unigrams (by hand)
        TokenizedSet set = TokenizedSet.of(List.of("the cat the cat"));
        assertThat(DistinctN.of(set, 1).value()).isCloseTo(0.5, within(DELTA));
    }

    @Test
    void setWithoutNgramsOfTheOrderIsUndefined() {
        TokenizedSet set = TokenizedSet.of(List.of("one two", "three"));
        MetricValue value = DistinctN.of(set, 3);
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("no 3-grams: every sample has fewer than 3 tokens");
        assertThat(DistinctN.of(TokenizedSet.of(List.of("", "")), 1).value()).isNaN();
        assertThat(DistinctN.of(TokenizedSet.of(List.of()), 1).reason()).isEqualTo("no samples");
    }

    @Test
    void settingsNameTheOrderAndTokenizer() {
        assertThat(DistinctN.of(ABAB_ABC, 2).settings()).contains("n=2").contains("nltk-punkt-treebank-v1");
    }
}
