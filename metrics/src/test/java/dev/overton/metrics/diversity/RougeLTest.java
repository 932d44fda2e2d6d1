package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

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
    void bitParallelLcsEqualsTheDynamicProgrammeOnRandomSequences() {
        // Lengths around the 64-bit word boundaries and up to LIMA-OE answer lengths; small alphabets make long LCSs,
        // large ones short; negative and sparse symbols as the public int[] entry point allows them.
        Random random = new Random(16);
        int[] lengths = {1, 2, 63, 64, 65, 127, 128, 129, 300, 700};
        int[] alphabets = {1, 2, 4, 30, 1000};
        for (int la : lengths) {
            for (int lb : lengths) {
                for (int alphabet : alphabets) {
                    int[] a = random(random, la, alphabet);
                    int[] b = random(random, lb, alphabet);
                    assertThat(RougeL.lcsLength(a, b))
                            .as("|a|=%d |b|=%d alphabet %d", la, lb, alphabet)
                            .isEqualTo(dynamicProgrammeLcs(a, b))
                            .isEqualTo(RougeL.lcsLength(b, a));
                }
            }
        }
    }

    private static int[] random(Random random, int length, int alphabet) {
        int[] symbols = new int[length];
        for (int i = 0; i < length; i++) {
            symbols[i] = random.nextInt(alphabet) * 7919 - 5000;
        }
        return symbols;
    }

    /** The textbook O(|a| * |b|) table (Cormen et al., section 15.4), the reference for the bit-parallel version. */
    private static int dynamicProgrammeLcs(int[] a, int[] b) {
        int[][] table = new int[a.length + 1][b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i][j] =
                        a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.length][b.length];
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
