package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpecTextTest {

    @Test
    void freeTextKeepsTabLineFeedAndCarriageReturnButNoOtherControlCharacter() {
        assertThat(SpecText.characterProblem("a\tb\r\nc", true)).isNull();
        assertThat(SpecText.characterProblem("a\u0000b", true)).contains("U+0000", "character 2");
        assertThat(SpecText.characterProblem("\u001b[31m", true)).contains("U+001B", "character 1");
        assertThat(SpecText.characterProblem("x\u007f", true)).contains("U+007F");
        assertThat(SpecText.characterProblem("x\u0085", true)).as("C1").contains("U+0085");
        assertThat(SpecText.characterProblem("x\u009f", true)).as("C1").contains("U+009F");
    }

    @Test
    void namesHoldNoControlCharacterNorLineBreak() {
        assertThat(SpecText.characterProblem("llama-2 chat é 😀", false)).isNull();
        assertThat(SpecText.characterProblem("a\tb", false)).contains("U+0009");
        assertThat(SpecText.characterProblem("a\nb", false)).contains("U+000A");
        assertThat(SpecText.characterProblem("a\u2028b", false)).contains("U+2028");
    }

    @Test
    void positionsCountCodePointsAndUnpairedSurrogatesAreRefused() {
        assertThat(SpecText.characterProblem("😀\u0000", true)).contains("character 2");
        assertThat(SpecText.characterProblem("a\ud800b", true)).contains("unpaired", "U+D800", "character 2");
        assertThat(SpecText.characterProblem("a\udc00", false)).contains("unpaired");
    }

    @Test
    void lengthsAreCountedInCodePointsAndTheErrorNamesFieldAndLimit() {
        List<FieldError> errors = new ArrayList<>();

        assertThat(SpecText.checkName("name", "😀".repeat(3), 3, errors)).isTrue();
        assertThat(SpecText.checkName("name", "x".repeat(4), 3, errors)).isFalse();

        assertThat(errors)
                .containsExactly(new FieldError("name", "is 4 characters long; the limit is 3 (docs/api.md, Limits)"));
    }

    @Test
    void promptIdsAreLettersDigitsAndPunctuationWithoutDotDot() {
        assertThat(SpecText.isPromptId("0")).isTrue();
        assertThat(SpecText.isPromptId("q-7")).isTrue();
        assertThat(SpecText.isPromptId("lima:oe.12_a")).isTrue();
        assertThat(SpecText.isPromptId("x".repeat(128))).isTrue();
        assertThat(SpecText.isPromptId("x".repeat(129))).isFalse();
        assertThat(SpecText.isPromptId("..")).isFalse();
        assertThat(SpecText.isPromptId("a..b")).isFalse();
        assertThat(SpecText.isPromptId(".hidden")).isFalse();
        assertThat(SpecText.isPromptId("a/b")).isFalse();
        assertThat(SpecText.isPromptId("%00")).isFalse();
        assertThat(SpecText.isPromptId("a b")).isFalse();
    }
}
