package dev.overton.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.text.PunktSentenceSplitter.Span;

/**
 * Expected sentences are NLTK's: {@code PunktSentenceTokenizer} with the pretrained English lists and NLTK 3.8 rules,
 * run in Python (NLTK 3.10.3) on the same strings by the author of this test.
 */
class PunktSentenceSplitterTest {

    private final PunktSentenceSplitter splitter = PunktSentenceSplitter.english();

    @Test
    void knownAbbreviationsDoNotEndSentences() {
        assertThat(splitter.split("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday."))
                .containsExactly("Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday.");
        assertThat(splitter.split("The U.S. Army is big. The U.S. is big."))
                .containsExactly("The U.S. Army is big.", "The U.S. is big.");
        assertThat(splitter.split("Dr. No vs. Goldfinger.")).containsExactly("Dr. No vs. Goldfinger.");
    }

    @Test
    void spansAreCharacterOffsetsWithoutTheSpaceBetweenSentences() {
        assertThat(splitter.spans("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday."))
                .containsExactly(new Span(0, 29), new Span(30, 61));
    }

    @Test
    void unknownAbbreviationsEndSentencesAsInNltk() {
        // "e.g" and "etc" are not in the pretrained list, so NLTK breaks after them.
        assertThat(splitter.split("See e.g. the manual. Then stop."))
                .containsExactly("See e.g.", "the manual.", "Then stop.");
    }

    @Test
    void closingBracketsAndQuotesStayWithTheirSentence() {
        assertThat(splitter.split("(This is a sentence.) And another one!"))
                .containsExactly("(This is a sentence.)", "And another one!");
        assertThat(splitter.split("He said \"Hello.\" Then he left."))
                .containsExactly("He said \"Hello.\"", "Then he left.");
    }

    @Test
    void curlyQuotesAreNotClosingPunctuationInNltk38() {
        assertThat(splitter.split("She said “fine.” Then left.")).containsExactly("She said “fine.” Then left.");
    }

    @Test
    void questionAndExclamationMarksBreakButALowercaseWordAfterAnEllipsisDoesNotStartASentence() {
        assertThat(splitter.split("Wait... what? Really?! Yes.")).containsExactly("Wait... what?", "Really?!", "Yes.");
    }

    @Test
    void repeatedMarksKeepNltksQuirk() {
        // Since NLTK's ReDoS fix only the last mark of a run is a candidate, which leaves a lone "?" at the end.
        assertThat(splitter.split("Hello!!! Is it me???")).containsExactly("Hello!!!", "Is it me??", "?");
    }

    @Test
    void numberedListItemsSplitAfterTheNumberButLetteredOnesDoNot() {
        assertThat(splitter.split("1. Preheat the oven.\n2. Mix the flour."))
                .containsExactly("1.", "Preheat the oven.", "2.", "Mix the flour.");
        assertThat(splitter.split("a. Apple b. Banana")).containsExactly("a. Apple b. Banana");
    }

    @Test
    void spacedEllipsisIsSplitAtEachPeriod() {
        assertThat(splitter.split("Ellipsis . . . spaced out.")).containsExactly("Ellipsis .", ".", ".", "spaced out.");
    }

    @Test
    void emptyAndBlankTextHaveNoSentences() {
        assertThat(splitter.split("")).isEmpty();
        assertThat(splitter.split("   \n ")).isEmpty();
        assertThat(splitter.split("Hello world")).containsExactly("Hello world");
    }

    @Test
    void orthographicContextDecidesAfterInitialsEllipsesAndNumbers() {
        // Without orthographic contexts (the shipped English model) none of these break.
        assertThat(splitter.split("Plan B. It works.")).containsExactly("Plan B. It works.");
        assertThat(splitter.split("Wait... Your turn.")).containsExactly("Wait... Your turn.");
        assertThat(splitter.split("Item 1. first things first.")).containsExactly("Item 1. first things first.");

        // "it" seen only lowercase mid-sentence; "your" lowercase mid-sentence and capitalised only sentence-initially;
        // "first" only lowercase at a sentence start: each makes the next word a sentence start.
        PunktParameters withContexts = PunktParameters.english()
                .withOrthoContext(Map.of(
                        "it", PunktParameters.ORTHO_MID_LC,
                        "your",
                                PunktParameters.ORTHO_MID_LC
                                        | PunktParameters.ORTHO_UNK_UC
                                        | PunktParameters.ORTHO_BEG_UC,
                        "first", PunktParameters.ORTHO_BEG_LC));
        PunktSentenceSplitter informed = new PunktSentenceSplitter(withContexts);
        assertThat(informed.split("Plan B. It works.")).containsExactly("Plan B.", "It works.");
        assertThat(informed.split("Wait... Your turn.")).containsExactly("Wait...", "Your turn.");
        assertThat(informed.split("Item 1. first things first.")).containsExactly("Item 1.", "first things first.");
    }

    @Test
    void englishParametersAreNltksPretrainedLists() {
        // Sizes of NLTK's punkt_tab/english files: 156 abbreviations, 37 collocations, 39 sentence starters.
        PunktParameters english = PunktParameters.english();
        assertThat(english.abbrevTypes()).hasSize(156).contains("mr", "u.s", "vs", ". . ");
        assertThat(english.collocations()).hasSize(37).contains(new PunktParameters.TypePair("##number##", "review"));
        assertThat(english.sentenceStarters()).hasSize(39).contains("the", "however");
        assertThat(english.orthoContext()).isEmpty();
    }
}
