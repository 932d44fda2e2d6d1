package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;

class PairScorerTest {

    private static final double DELTA = 1e-12;
    private static final Sample REFERENCE_0 = new Sample(0, "Cats chase mice.", "stop");

    @Test
    void eachCandidateSampleIsComparedWithReferenceSampleZero() {
        // content bags: {Cats, chase, mice} vs {Cats, chase, dogs} -> 2/4; vs {Birds, sing} -> 0/5 (worked by hand)
        List<ScoreValue> values = PairScorer.score(
                "chat",
                REFERENCE_0,
                List.of(new Sample(0, "Cats chase dogs.", null), new Sample(1, "Birds sing.", null)),
                false);

        List<ScoreValue> jaccard = values.stream()
                .filter(v -> v.metric().equals(MetricNames.PAIR_JACCARD_1))
                .toList();
        assertThat(jaccard).extracting(ScoreValue::sample).containsExactly(0, 1);
        assertThat(values).allSatisfy(v -> assertThat(v.reference()).isEqualTo("chat"));
        assertThat(jaccard.get(0).value()).isCloseTo(0.5, within(DELTA));
        assertThat(jaccard.get(1).value()).isCloseTo(0.0, within(DELTA));
        // ROUGE-L tokens (lowercased, punctuation dropped): [cats, chase, dogs] vs [cats, chase, mice]: LCS 2,
        // P = R = F = 2/3 (worked by hand)
        List<ScoreValue> rouge = values.stream()
                .filter(v -> v.metric().equals(MetricNames.PAIR_ROUGE_L))
                .toList();
        assertThat(rouge).extracting(ScoreValue::sample).containsExactly(0, 1);
        assertThat(rouge.get(0).value()).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(rouge.get(1).value()).isCloseTo(0.0, within(DELTA));
    }

    @Test
    void referenceAgainstItselfSkipsSampleZero() {
        List<ScoreValue> values = PairScorer.score(
                "chat",
                REFERENCE_0,
                List.of(REFERENCE_0, new Sample(1, "Cats chase mice.", null), new Sample(2, "Dogs bark.", null)),
                true);

        List<ScoreValue> jaccard = values.stream()
                .filter(v -> v.metric().equals(MetricNames.PAIR_JACCARD_1))
                .toList();
        assertThat(jaccard).extracting(ScoreValue::sample).containsExactly(1, 2);
        assertThat(jaccard.get(0).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void pairOfTextsWithoutContentWordsIsUndefined() {
        List<ScoreValue> values =
                PairScorer.score("chat", new Sample(0, "the of", null), List.of(new Sample(0, "and", null)), false);

        ScoreValue jaccard = values.stream()
                .filter(v -> v.metric().equals(MetricNames.PAIR_JACCARD_1))
                .findFirst()
                .orElseThrow();
        assertThat(jaccard.value()).isNull();
        assertThat(jaccard.reason()).isNotBlank();
    }
}
