package dev.overton.icl.recovery.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.icl.recovery.PairValue;

class ScoresConsumerPairValuesTest {

    @Test
    void keepsEveryPairMetricAndSkipsWithinSetValues() {
        SetScored scored = new SetScored(
                SchemaVersions.V1,
                "r",
                "p",
                "base",
                List.of(
                        new ScoreValue("jaccard_1", null, null, 0.1, null, "s"),
                        new ScoreValue("length_tokens", 0, null, 12.0, null, "s"),
                        new ScoreValue("pair_jaccard_1", 0, "chat", 0.2, null, "s"),
                        new ScoreValue("embedding_cosine", 1, "chat", null, "empty text", "s")),
                Instant.now());

        assertThat(ScoresConsumer.pairValues(scored))
                .containsExactly(
                        new PairValue("p", "base", "chat", "pair_jaccard_1", 0, 0.2),
                        new PairValue("p", "base", "chat", "embedding_cosine", 1, null));
    }
}
