package dev.overton.icl.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.HintMode;

class ContextBudgetTest {

    // One token per ASCII character (+1 for BOS), so budgets can be worked out from string lengths.
    private static final TokenCounter ONE_PER_CHAR = new CharEstimateTokenCounter(1.0);
    private static final String ANSWER = "x".repeat(100);

    private final UrialPromptBuilder builder =
            new UrialPromptBuilder(ShippedPrompts.template(), "Be helpful.", ONE_PER_CHAR);
    private final List<IclExample> ranked = List.of(
            new IclExample("near", "Q1", ANSWER, null),
            new IclExample("mid", "Q2", ANSWER, null),
            new IclExample("far", "Q3", ANSWER, null));

    @Test
    void dropsTheFurthestExamplesUntilThePromptFits() {
        int withTwo = tokens(ranked.subList(0, 2));
        ContextBudget budget = new ContextBudget(withTwo + 50, 50, 1);

        PromptBuild build = builder.build(ranked, "Q", null, HintMode.NONE, null, budget);

        assertThat(build.ok()).isTrue();
        assertThat(build.examples()).extracting(IclExample::source).containsExactly("near", "mid");
        assertThat(build.dropped()).extracting(IclExample::source).containsExactly("far");
        assertThat(build.promptTokens()).isEqualTo(withTwo);
        assertThat(build.promptTokens() + budget.maxNewTokens()).isLessThanOrEqualTo(budget.contextWindow());
    }

    @Test
    void keepsEveryExampleWhenThePromptFits() {
        ContextBudget budget = new ContextBudget(tokens(ranked) + 10, 10, 1);

        PromptBuild build = builder.build(ranked, "Q", null, HintMode.NONE, null, budget);

        assertThat(build.examples()).hasSize(3);
        assertThat(build.dropped()).isEmpty();
    }

    @Test
    void failsWithAReasonWhenEvenTheMinimumNumberOfExamplesDoesNotFit() {
        int withOne = tokens(ranked.subList(0, 1));
        ContextBudget budget = new ContextBudget(withOne + 49, 50, 1);

        PromptBuild build = builder.build(ranked, "Q", null, HintMode.NONE, null, budget);

        assertThat(build.ok()).isFalse();
        assertThat(build.prompt()).isNull();
        assertThat(build.failure()).contains("over budget", "context window " + budget.contextWindow(), "lower k");
        assertThat(build.dropped()).extracting(IclExample::source).containsExactly("far", "mid");
    }

    @Test
    void neverReturnsAPromptOverBudget() {
        for (int window = 300; window <= 800; window += 7) {
            ContextBudget budget = new ContextBudget(window, 100, 0);
            PromptBuild build = builder.build(ranked, "Q", null, HintMode.NONE, null, budget);
            if (build.ok()) {
                assertThat(ONE_PER_CHAR.count(build.prompt()) + 100).isLessThanOrEqualTo(window);
            }
        }
    }

    @Test
    void rejectsBudgetsWithoutRoomForTheAnswer() {
        assertThatThrownBy(() -> new ContextBudget(4096, 4096, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max new tokens");
        assertThatThrownBy(() -> new ContextBudget(0, 1, 1)).hasMessageContaining("context_window");
    }

    @Test
    void charEstimateCountsAsciiByRatioAndOtherCodePointsAsOneEach() {
        // "abcdefgh": ceil(8 / 4) + 1 (BOS) = 3; "aé😀": ceil(1 / 4) + 2 non-ASCII + 1 = 4 (worked by hand).
        assertThat(CharEstimateTokenCounter.standard().count("abcdefgh")).isEqualTo(3);
        assertThat(CharEstimateTokenCounter.standard().count("aé😀")).isEqualTo(4);
    }

    private int tokens(List<IclExample> examples) {
        return ONE_PER_CHAR.count(builder.render(examples, "Q", null, HintMode.NONE, null));
    }
}
