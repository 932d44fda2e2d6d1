package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class HomogenizationTest {

    private static final double DELTA = 1e-12;

    @Test
    void homogenizationIsMeanPairwiseRougeLF() {
        // pairs: (1,2) identical = 1, (1,3) = 0, (2,3) = 0 -> 1/3 (by hand)
        TokenizedSet set = TokenizedSet.of(List.of("The cat sat.", "the cat sat", "A dog ran."));
        assertThat(Homogenization.of(set).value()).isCloseTo(1.0 / 3, within(DELTA));
    }

    @Test
    void meanOverUnorderedPairsEqualsPadmakumarAndHesOrderedMean() {
        // F-values by hand: (abcd, ace) = 4/7; (abcd, bd) = LCS 2, P 2/4, R 2/2 -> 2/3; (ace, bd) = 0.
        // Ordered mean = (2 * 4/7 + 2 * 2/3 + 0) / 6 = unordered mean (4/7 + 2/3) / 3.
        TokenizedSet set = TokenizedSet.of(List.of("a b c d", "a c e", "b d"));
        assertThat(Homogenization.of(set).value()).isCloseTo((4.0 / 7 + 2.0 / 3) / 3, within(DELTA));
    }

    @Test
    void pairsOfTwoEmptyResponsesAreSkipped() {
        // (empty, empty) skipped; (empty, x) twice = 0 -> 0 over two pairs
        assertThat(Homogenization.of(TokenizedSet.of(List.of("", "", "x"))).value())
                .isZero();
        // punctuation-only responses have no ROUGE-L tokens, so they are empty too
        MetricValue value = Homogenization.of(TokenizedSet.of(List.of("", "?!")));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("every pair of samples is empty");
    }

    @Test
    void singleSampleIsUndefined() {
        assertThat(Homogenization.of(TokenizedSet.of(List.of("alone"))).reason())
                .isEqualTo("fewer than two samples");
    }
}
