package dev.overton.scorer.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.judge.Judgement;

/**
 * The scorer's judgements (semantic module, which does not depend on contracts) and the run spec's vocabulary
 * ({@code dev.overton.contracts.spec.Judgement}, what {@code POST /runs} accepts) must name the same judgements.
 */
class JudgementVocabularyTest {

    @Test
    void scorerJudgesExactlyTheJudgementsARunSpecMayAskFor() {
        assertThat(Arrays.stream(Judgement.values())
                        .map(Judgement::json)
                        .sorted()
                        .toList())
                .isEqualTo(dev.overton.contracts.spec.Judgement.wireNames());
    }
}
