package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Expected values: worked by hand where stated, and each checked against NLTK 3.8 (Debian's python3-nltk),
 * {@code sentence_bleu([other token lists], hypothesis, smoothing_function=SmoothingFunction().method1)} averaged over
 * hypotheses, on the same token lists.
 */
class SelfBleuTest {

    private static final double DELTA = 1e-12;

    private static MetricValue selfBleu(List<List<String>> tokens) {
        return SelfBleu.of(NgramIndex.of(tokens, 4));
    }

    private static List<String> chars(String letters) {
        return letters.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    @Test
    void identicalResponsesScoreOne() {
        List<String> text = List.of("the", "cat", "sat", "on", "the", "mat");
        assertThat(selfBleu(List.of(text, text, text)).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void missingFourGramIsSmoothedWithEpsilonOverCount() {
        // "a b c d" vs "a b c e", either way round: p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0/1 -> 0.1/1, BP = 1;
        // (0.75 * 2/3 * 0.5 * 0.1)^(1/4) = 0.025^(1/4) (by hand); NLTK: 0.3976353643835253
        MetricValue value = selfBleu(List.of(chars("abcd"), chars("abce")));
        assertThat(value.value()).isCloseTo(Math.pow(0.025, 0.25), within(DELTA));
        assertThat(value.value()).isCloseTo(0.3976353643835253, within(DELTA));
    }

    @Test
    void countsAreClippedAndShortHypothesesPenalised() {
        // hypothesis "the the the", reference "the cat sat on the mat": p1 = min(3, 2)/3, p2 = 0.1/2, p3 = 0.1/1,
        // p4 = 0.1/max(1, 0); BP = exp(1 - 6/3). Reverse: p1 = 2/6, p2 = 0.1/5, p3 = 0.1/4, p4 = 0.1/3, BP = 1.
        // By hand; NLTK gives 0.04970787578611783 and 0.048549177170732344, mean 0.04912852647842508.
        double first = Math.exp(-1) * Math.pow(2.0 / 3 * 0.05 * 0.1 * 0.1, 0.25);
        double second = Math.pow(1.0 / 3 * 0.02 * 0.025 * (0.1 / 3), 0.25);
        MetricValue value =
                selfBleu(List.of(List.of("the", "the", "the"), List.of("the", "cat", "sat", "on", "the", "mat")));
        assertThat(value.value()).isCloseTo((first + second) / 2, within(DELTA));
        assertThat(value.value()).isCloseTo(0.04912852647842508, within(DELTA));
    }

    @Test
    void closestReferenceLengthTiesGoToTheShorterReference() {
        // hypothesis "abcd" with references of length 3 and 5: r = 3, so BP = 1 and every p_n = 1 -> 1 (NLTK: 1.0);
        // "abc": p4 smoothed 0.1, r = 4, BP = exp(1 - 4/3) (NLTK 0.40293516672844226); "abcde": p = 4/5, 3/4, 2/3,
        // 1/2, BP = 1 (NLTK 0.668740304976422). Mean from NLTK: 0.6905584905682881.
        MetricValue value = selfBleu(List.of(chars("abcd"), chars("abc"), chars("abcde")));
        assertThat(value.value()).isCloseTo(0.6905584905682881, within(DELTA));
    }

    @Test
    void emptyResponseScoresZeroAsHypothesisAndMatchesNothingAsReference() {
        // NLTK returns 0 for both sentences (no unigram match)
        assertThat(selfBleu(List.of(List.of(), List.of("a", "b"))).value()).isZero();
    }

    @Test
    void allEmptyResponsesAreUndefinedNotZero() {
        MetricValue value = selfBleu(List.of(List.of(), List.of()));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("every sample is empty");
    }

    @Test
    void singleSampleIsUndefined() {
        MetricValue value = SelfBleu.of(TokenizedSet.of(List.of("Just one answer here.")));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("fewer than two samples");
    }

    @Test
    void settingsStateTheSmoothing() {
        assertThat(SelfBleu.SETTINGS).contains("smoothing=chen-cherry-method1(eps=0.1)");
    }
}
