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

        assertThat(values).extracting(ScoreValue::sample).containsExactly(0, 1);
        assertThat(values).allSatisfy(v -> {
            assertThat(v.metric()).isEqualTo(MetricNames.PAIR_JACCARD_1);
            assertThat(v.reference()).isEqualTo("chat");
        });
        assertThat(values.get(0).value()).isCloseTo(0.5, within(DELTA));
        assertThat(values.get(1).value()).isCloseTo(0.0, within(DELTA));
    }

    @Test
    void referenceAgainstItselfSkipsSampleZero() {
        List<ScoreValue> values = PairScorer.score(
                "chat",
                REFERENCE_0,
                List.of(REFERENCE_0, new Sample(1, "Cats chase mice.", null), new Sample(2, "Dogs bark.", null)),
                true);

        assertThat(values).extracting(ScoreValue::sample).containsExactly(1, 2);
        assertThat(values.get(0).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void pairOfTextsWithoutContentWordsIsUndefined() {
        List<ScoreValue> values =
                PairScorer.score("chat", new Sample(0, "the of", null), List.of(new Sample(0, "and", null)), false);

        assertThat(values.get(0).value()).isNull();
        assertThat(values.get(0).reason()).isNotBlank();
    }
}
