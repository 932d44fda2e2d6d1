package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class DistinctPrefixesTest {

    private static final double DELTA = 1e-12;

    @Test
    void prefixIsLowercasedWithWhitespaceCollapsed() {
        assertThat(DistinctPrefixes.prefix("  A\tB \u00A0 C  ", 20)).isEqualTo("a b c");
        assertThat(DistinctPrefixes.prefix("Sure,\n\nhere are", 10)).isEqualTo("sure, here");
    }

    @Test
    void prefixCountsCodePointsAndKeepsASpaceOnlyWhenTextFollows() {
        assertThat(DistinctPrefixes.prefix("abc def", 4)).isEqualTo("abc ");
        assertThat(DistinctPrefixes.prefix("abc   ", 4)).isEqualTo("abc");
        assertThat(DistinctPrefixes.prefix("😀abc", 2)).isEqualTo("😀a");
        assertThat(DistinctPrefixes.prefix("", 20)).isEmpty();
    }

    @Test
    void shareIsDistinctPrefixesOverResponses() {
        // k=10 prefixes: "sure, here", "sure, here", "sure, ther", "no." -> 3 distinct of 4 (by hand)
        List<String> texts = List.of("  Sure,  here is one", "sure,\n\nhere are two", "SURE, THERE", "No.");
        MetricValue value = DistinctPrefixes.share(texts, 10);
        assertThat(value.value()).isCloseTo(0.75, within(DELTA));
        assertThat(value.settings()).startsWith("k=10;");
    }

    @Test
    void defaultPrefixIsTwentyCharacters() {
        // identical in the first 20 characters ("i think the answer i"), different after
        List<String> texts = List.of("I think the answer is yes", "I think the answer isn't clear");
        assertThat(DistinctPrefixes.share(texts).value()).isCloseTo(0.5, within(DELTA));
        assertThat(DistinctPrefixes.share(texts, 25).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void emptyTextsShareOneEmptyPrefix() {
        assertThat(DistinctPrefixes.share(List.of("", " ", "x")).value()).isCloseTo(2.0 / 3, within(DELTA));
    }

    @Test
    void singleSampleIsUndefined() {
        assertThat(DistinctPrefixes.share(List.of("only")).value()).isNaN();
        assertThat(DistinctPrefixes.share(List.of("only")).reason()).isEqualTo("fewer than two samples");
    }

    @Test
    void nonPositivePrefixLengthIsRejected() {
        assertThatThrownBy(() -> DistinctPrefixes.share(List.of("a", "b"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
