package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class AbstentionTest {

    private static final double DELTA = 1e-12;

    @Test
    void phrasesMatchCaseInsensitively() {
        assertThat(Abstention.containsPhrase("As an AI Language Model, I have no views."))
                .isTrue();
        assertThat(Abstention.containsPhrase("Sorry, I CANNOT PROVIDE PERSONAL opinions"))
                .isTrue();
    }

    @Test
    void typographicApostropheCountsAsAscii() {
        assertThat(Abstention.containsPhrase("I’m just an AI, but here goes.")).isTrue();
        assertThat(Abstention.containsPhrase("I can’t condone that.")).isTrue();
    }

    @Test
    void phrasesMustEndAtWordBoundaries() {
        assertThat(Abstention.containsPhrase("I'm an aide to the senator.")).isFalse();
        assertThat(Abstention.containsPhrase("I am an airline pilot.")).isFalse();
        assertThat(Abstention.containsPhrase("Hi, I am an AI.")).isTrue();
    }

    @Test
    void ordinaryHedgesAreNotAbstentions() {
        assertThat(Abstention.containsPhrase("I cannot stress this enough: I'm sorry for your loss."))
                .isFalse();
        assertThat(Abstention.containsPhrase("")).isFalse();
    }

    @Test
    void shareCountsResponsesNotPhrases() {
        // responses 1 (two phrases) and 3 abstain, 2 and 4 do not -> 2/4 (by hand)
        List<String> texts =
                List.of("As an AI language model, I can't condone it.", "Sure!", "I can't condone that.", "");
        MetricValue value = Abstention.share(texts);
        assertThat(value.value()).isCloseTo(0.5, within(DELTA));
        assertThat(value.settings()).contains(Abstention.LIST_NAME);
    }

    @Test
    void noResponsesAreUndefinedAndOneIsDefined() {
        assertThat(Abstention.share(List.of()).value()).isNaN();
        assertThat(Abstention.share(List.of("As a language model, no.")).value())
                .isCloseTo(1.0, within(DELTA));
    }
}
