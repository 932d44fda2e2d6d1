package dev.overton.semantic.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.TestModels;
import dev.overton.semantic.embedding.SentenceEmbedder;

class OvertonCoverageTest {

    private static final double DELTA = 1e-9;

    private final OvertonCoverage coverage =
            new OvertonCoverage(new SentenceEmbedder(TestModels.miniLm(), 1000), OvertonCoverage.MINILM_THRESHOLD);

    private static final List<String> BASE = List.of(
            "Antibiotics do not help against a cold. Rest at home.",
            "Drink plenty of water. Antibiotics do not help against a cold.",
            "Take paracetamol for the fever.");

    @Test
    void anAlignedAnswerSayingEverythingCoversEveryBaseSentence() {
        String aligned = "Antibiotics do not help against a cold. Rest at home. Drink plenty of water. "
                + "Take paracetamol for the fever.";

        CoverageReport r = coverage.coverage(BASE, aligned);

        assertThat(r.alignedCoverage().value()).isCloseTo(1.0, within(DELTA));
        assertThat(r.baseSentences()).isEqualTo(5);
        assertThat(r.alignedSentences()).isEqualTo(4);
    }

    @Test
    void baseSelfCoverageIsTheMeanShareOfTheOtherResponsesEachResponseCovers() {
        // Worked by hand (identical sentences match, the others are unrelated at this threshold):
        // response 0 covers 1 of the 3 other sentences ("Antibiotics..." of response 1) -> 1/3;
        // response 1 covers 1 of 3 ("Antibiotics..." of response 0) -> 1/3; response 2 covers 0 of 4 -> 0.
        CoverageReport r = coverage.coverage(BASE, "Unrelated: the stock market closed higher today.");

        assertThat(r.baseSelfCoverage().value()).isCloseTo((1.0 / 3 + 1.0 / 3 + 0) / 3, within(DELTA));
        assertThat(r.alignedCoverage().value()).isCloseTo(0.0, within(DELTA));
    }

    @Test
    void sentencesWithoutLettersAreDropped() {
        assertThat(coverage.sentences("Rest at home.\n```")).containsExactly("Rest at home.");
        assertThat(coverage.sentences("Take these steps:\n\n1.\n\n2.")).doesNotContain("1.", "2.");
    }

    @Test
    void oneBaseResponseLeavesSelfCoverageUndefined() {
        CoverageReport r = coverage.coverage(List.of("Rest at home."), "Rest at home.");

        assertThat(r.baseSelfCoverage().defined()).isFalse();
        assertThat(r.baseSelfCoverage().reason()).isEqualTo("fewer than two base responses");
        assertThat(r.alignedCoverage().value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void baseResponsesWithoutSentencesLeaveCoverageUndefined() {
        CoverageReport r = coverage.coverage(List.of("", "```"), "Rest at home.");

        assertThat(r.alignedCoverage().defined()).isFalse();
        assertThat(r.alignedCoverage().reason()).isEqualTo("the base responses have no sentences");
    }

    @Test
    void settingsNameTheEmbeddingSplitterAndThreshold() {
        assertThat(coverage.settings())
                .startsWith("coverage(embedding(model=all-minilm-l6-v2-q;")
                .endsWith(";sentences=punkt-english;threshold=0.6)");
    }
}
