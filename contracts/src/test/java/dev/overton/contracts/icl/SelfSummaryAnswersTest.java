package dev.overton.contracts.icl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelfSummaryAnswersTest {

    @Test
    void splitsACompletionIntoSummaryAndAnswer() {
        // The shape of the paper's llama-2-icl-chat-summary-cot completions.
        String completion = "Rest and fluids help.\n```\n\n# Answer:\n```\nDrink water and sleep.\n```\n\n";

        assertThat(SelfSummaryAnswers.summaryOf(completion)).isEqualTo("Rest and fluids help.");
        assertThat(SelfSummaryAnswers.answerOf(completion)).isEqualTo("Drink water and sleep.");
    }

    @Test
    void answerRunsToTheEndWhenTheClosingFenceIsMissing() {
        assertThat(SelfSummaryAnswers.answerOf("S\n```\n\n# Answer:\n```\nCut off by max toke"))
                .isEqualTo("Cut off by max toke");
    }

    @Test
    void completionWithoutAnAnswerHeadingHasNoAnswer() {
        assertThat(SelfSummaryAnswers.answerOf("Only a summary, then max tokens"))
                .isNull();
    }
}
