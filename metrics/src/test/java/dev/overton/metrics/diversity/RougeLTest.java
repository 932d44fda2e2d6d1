package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RougeLTest {

    private static final double DELTA = 1e-12;

    private static List<String> chars(String letters) {
        return letters.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    @Test
    void lcsOfTheTextbookExampleIsFour() {
        // Cormen et al., Introduction to Algorithms, LCS of ABCBDAB and BDCABA (e.g. BCBA) has length 4
        assertThat(RougeL.lcsLength(chars("ABCBDAB"), chars("BDCABA"))).isEqualTo(4);
        assertThat(RougeL.lcsLength(chars("BDCABA"), chars("ABCBDAB"))).isEqualTo(4);
    }

    @Test
    void lcsOfDisjointOrEmptySequencesIsZero() {
        assertThat(RougeL.lcsLength(chars("abc"), chars("xyz"))).isZero();
        assertThat(RougeL.lcsLength(new int[0], new int[] {1, 2})).isZero();
    }

    @Test
    void precisionIsOverCandidateAndRecallOverReference() {
        // candidate a b c d, reference a c e: LCS "a c" = 2; P = 2/4, R = 2/3, F = 2PR/(P+R) = 4/7 (by hand)
        RougeL.Score score = RougeL.score(chars("abcd"), chars("ace"));
        assertThat(score.precision()).isCloseTo(0.5, within(DELTA));
        assertThat(score.recall()).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(score.f()).isCloseTo(4.0 / 7, within(DELTA));
    }

    @Test
    void textsAreComparedAsLowercasedWordsWithoutPunctuation() {
        // tokens: the cat sat on the mat / the cat lay on the mat; LCS "the cat on the mat" = 5 of 6 each -> F = 5/6
        assertThat(RougeL.tokens("The cat, sat on the MAT!")).containsExactly("the", "cat", "sat", "on", "the", "mat");
        assertThat(RougeL.f("The cat, sat on the MAT!", "the cat lay on the mat"))
                .isCloseTo(5.0 / 6, within(DELTA));
    }

    @Test
    void bothEmptyIsUndefinedAndOneEmptyIsZero() {
        assertThat(RougeL.f("", "...")).isNaN();
        assertThat(RougeL.score(List.of(), List.of()).precision()).isNaN();
        assertThat(RougeL.f("", "words here")).isZero();
        assertThat(RougeL.f("words here", "")).isZero();
    }

    @Test
    void identicalTextsScoreOne() {
        assertThat(RougeL.f("Same text, same words.", "same text same words")).isCloseTo(1.0, within(DELTA));
    }
}
