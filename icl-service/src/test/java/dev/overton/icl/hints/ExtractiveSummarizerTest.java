package dev.overton.icl.hints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {

    private static final String ANSWER = "Certainly! I'd be happy to help.\n\n"
            + "1. Solar energy: solar panels turn sunlight into electricity for homes.\n"
            + "2. Wind energy: wind turbines turn moving air into electricity.\n"
            + "3. Hydroelectric energy: dams turn flowing water into electricity.\n\n"
            + "I hope this helps you choose!";

    @Test
    void picksContentSentencesOverPleasantriesInTheirOriginalOrder() {
        String summary = new ExtractiveSummarizer(2, 600).summarize("Renewable energy?", ANSWER);

        assertThat(summary).doesNotContain("Certainly", "hope", "1.");
        assertThat(summary.split("(?<=\\.) ")).hasSize(2);
        assertThat(summary.indexOf("Solar")).isLessThan(Math.max(summary.indexOf("Wind"), summary.indexOf("Hydro")));
    }

    @Test
    void respectsTheCharacterLimitButKeepsAtLeastOneSentence() {
        String summary = new ExtractiveSummarizer(3, 10).summarize("q", ANSWER);

        assertThat(summary).isNotEmpty().doesNotContain("  ");
        assertThat(summary.split("(?<=\\.) ")).hasSize(1);
    }

    @Test
    void emptyAnswerHasAnEmptySummaryAndShortAnswersAreKept() {
        assertThat(ExtractiveSummarizer.standard().summarize("q", "  ")).isEmpty();
        assertThat(ExtractiveSummarizer.standard().summarize("q", "Yes.")).isEqualTo("Yes.");
    }

    @Test
    void isDeterministic() {
        assertThat(ExtractiveSummarizer.standard().summarize("q", ANSWER))
                .isEqualTo(ExtractiveSummarizer.standard().summarize("q", ANSWER));
    }
}
