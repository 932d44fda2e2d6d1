package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.scorer.scoring.RunAggregator.PromptValue;
import dev.overton.scorer.scoring.RunAggregator.RunAggregate;

class RunAggregatorTest {

    private static final double DELTA = 1e-12;

    @Test
    void meansPerVariantAndPairedDifferenceToTheReference() {
        List<PromptValue> values = List.of(
                new PromptValue("base", "jaccard_1", "0", 0.10),
                new PromptValue("base", "jaccard_1", "1", 0.20),
                new PromptValue("base", "jaccard_1", "2", 0.30),
                new PromptValue("chat", "jaccard_1", "0", 0.30),
                new PromptValue("chat", "jaccard_1", "1", 0.40),
                // prompt 2 of chat has no defined value: the difference uses prompts 0 and 1 only
                new PromptValue("chat", "mean_tokens", "0", 500));

        RunAggregate aggregate = RunAggregator.aggregate(values, "chat", 500, 7L);

        assertThat(aggregate.metrics())
                .extracting(m -> m.variant() + "/" + m.metric())
                .containsExactly("base/jaccard_1", "chat/jaccard_1", "chat/mean_tokens");
        assertThat(aggregate.metrics().get(0).estimate().mean()).isCloseTo(0.2, within(DELTA));
        assertThat(aggregate.metrics().get(0).estimate().n()).isEqualTo(3);
        assertThat(aggregate.differences()).singleElement().satisfies(d -> {
            assertThat(d.variant()).isEqualTo("base");
            assertThat(d.reference()).isEqualTo("chat");
            assertThat(d.metric()).isEqualTo("jaccard_1");
            // base - chat on prompts 0 and 1: (0.1 - 0.3 + 0.2 - 0.4) / 2 = -0.2, identical per prompt
            assertThat(d.estimate().mean()).isCloseTo(-0.2, within(1e-9));
            assertThat(d.estimate().n()).isEqualTo(2);
            assertThat(d.estimate().low()).isCloseTo(-0.2, within(1e-9));
        });
    }

    @Test
    void withoutAReferenceThereAreNoDifferences() {
        RunAggregate aggregate =
                RunAggregator.aggregate(List.of(new PromptValue("base", "jaccard_1", "0", 0.1)), null, 100, 1L);
        assertThat(aggregate.differences()).isEmpty();
        assertThat(aggregate.metrics()).hasSize(1);
    }
}
