package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class SelfRepetitionTest {

    private static final double DELTA = 1e-12;

    private static List<String> chars(String letters) {
        return letters.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    @Test
    void scoreIsMeanLogOfOnePlusOtherResponsesSharingEachDistinctFourGram() {
        // By hand. 4-gram sets: "abcde" {abcd, bcde}; "abcd" {abcd}; "bcdebcde" {bcde, cdeb, debc, ebcd} (bcde twice,
        // counted once). Other responses containing: abcd 1, bcde 1, the rest 0.
        // scores ln(1 + 1 + 1), ln(1 + 1), ln(1 + 1 + 0 + 0 + 0) -> mean (ln 3 + 2 ln 2) / 3 = ln(12) / 3.
        // Shaib et al.'s self_repetition_score on these token lists gives the same 0.8283022165960001.
        MetricValue value =
                SelfRepetition.of(NgramIndex.of(List.of(chars("abcde"), chars("abcd"), chars("bcdebcde")), 4));
        assertThat(value.value()).isCloseTo(Math.log(12) / 3, within(DELTA));
    }

    @Test
    void noSharedFourGramScoresZero() {
        TokenizedSet set = TokenizedSet.of(List.of("one two three four five", "six seven eight nine ten"));
        assertThat(SelfRepetition.of(set).value()).isZero();
    }

    @Test
    void shortAndEmptyResponsesScoreZeroEach() {
        // "a b c d" appears in both long responses: ln 2 each; the empty and short ones score ln 1 = 0 -> 2 ln 2 / 4
        TokenizedSet set = TokenizedSet.of(List.of("a b c d", "a b c d", "", "a b"));
        assertThat(SelfRepetition.of(set).value()).isCloseTo(2 * Math.log(2) / 4, within(DELTA));
    }

    @Test
    void singleSampleIsUndefined() {
        MetricValue value = SelfRepetition.of(TokenizedSet.of(List.of("a b c d a b c d")));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("fewer than two samples");
    }
}
