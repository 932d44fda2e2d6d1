package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class LengthDifferenceTest {

    private static final double DELTA = 1e-12;

    private static TokenizedSet withLengths(int... lengths) {
        List<String> texts = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        for (int length : lengths) {
            texts.add("");
            tokens.add(Collections.nCopies(length, "w"));
        }
        return new TokenizedSet(texts, tokens);
    }

    @Test
    void tokenDifferenceIsTheMeanOverUnorderedPairs() {
        // lengths 2, 5, 9: |2-5| + |2-9| + |5-9| = 3 + 7 + 4 = 14 over 3 pairs (by hand)
        assertThat(LengthDifference.tokens(withLengths(2, 5, 9)).value()).isCloseTo(14.0 / 3, within(DELTA));
    }

    @Test
    void charDifferenceCountsUtf16UnitsAndEmptyTextsAsZero() {
        // lengths "ab"=2, "😀x"=3 (the emoji is two UTF-16 units), ""=0: 1 + 2 + 3 = 6 over 3 pairs (by hand)
        MetricValue value = LengthDifference.chars(List.of("ab", "😀x", ""));
        assertThat(value.value()).isCloseTo(2.0, within(DELTA));
        assertThat(value.settings()).isEqualTo(LengthDifference.CHARS_SETTINGS);
    }

    @Test
    void equalLengthsGiveZero() {
        assertThat(LengthDifference.tokens(withLengths(4, 4, 4)).value()).isZero();
    }

    @Test
    void singleSampleIsUndefinedNotZero() {
        MetricValue value = LengthDifference.tokens(withLengths(7));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("fewer than two samples");
        assertThat(LengthDifference.chars(List.of()).value()).isNaN();
    }
}
