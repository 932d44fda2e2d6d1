package dev.overton.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Expected tokens are NLTK's: {@code word_tokenize} and {@code NLTKWordTokenizer().tokenize} with NLTK 3.8 rules, run
 * in Python (NLTK 3.10.3) on the same strings by the author of this test.
 */
class TreebankWordTokenizerTest {

    @Test
    void contractionsSplitOffTheClitic() {
        assertThat(TreebankWordTokenizer.wordTokenize("Don't do it.")).containsExactly("Do", "n't", "do", "it", ".");
        assertThat(TreebankWordTokenizer.wordTokenize("I can't, won't and cannot go."))
                .containsExactly("I", "ca", "n't", ",", "wo", "n't", "and", "can", "not", "go", ".");
        assertThat(TreebankWordTokenizer.wordTokenize("They'll say \"no\" to 'em."))
                .containsExactly("They", "'ll", "say", "``", "no", "''", "to", "'em", ".");
    }

    @Test
    void macIntyreContractionsAreSplitInTwo() {
        assertThat(TreebankWordTokenizer.wordTokenize("gonna gotta wanna go, gimme lemme 'tis"))
                .containsExactly(
                        "gon", "na", "got", "ta", "wan", "na", "go", ",", "gim", "me", "lem", "me", "'t", "is");
    }

    @Test
    void doubleQuotesBecomeTreebankQuotes() {
        assertThat(TreebankWordTokenizer.wordTokenize("\"Quoted\" text and 'single' ones."))
                .containsExactly("``", "Quoted", "''", "text", "and", "'single", "'", "ones", ".");
        assertThat(TreebankWordTokenizer.wordTokenize("“Curly” ‘quotes’ «guillemets» — dash – en"))
                .containsExactly("“", "Curly", "”", "‘", "quotes", "’", "«", "guillemets", "»", "—", "dash", "–", "en");
    }

    @Test
    void onlyTheSentenceFinalPeriodIsSplitOff() {
        String text = "Good muffins cost $3.88 in New York. Please buy me two of them.";
        // One sentence at a time, "York." is inside the text and keeps its period ...
        assertThat(TreebankWordTokenizer.tokenizeSentence(text))
                .containsExactly(
                        "Good", "muffins", "cost", "$", "3.88", "in", "New", "York.", "Please", "buy", "me", "two",
                        "of", "them", ".");
        // ... whereas word_tokenize splits sentences first, so it ends one.
        assertThat(TreebankWordTokenizer.wordTokenize(text))
                .containsExactly(
                        "Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me", "two",
                        "of", "them", ".");
        assertThat(TreebankWordTokenizer.wordTokenize("Mr. Smith went.")).containsExactly("Mr.", "Smith", "went", ".");
    }

    @Test
    void punctuationBracketsAndDashesAreSeparateTokens() {
        assertThat(TreebankWordTokenizer.wordTokenize("It's 5 o'clock... (maybe) -- or [not]!"))
                .containsExactly(
                        "It", "'s", "5", "o'clock", "...", "(", "maybe", ")", "--", "or", "[", "not", "]", "!");
        assertThat(TreebankWordTokenizer.wordTokenize("Numbers 1,000 and 3:45 and a:b, c."))
                .containsExactly("Numbers", "1,000", "and", "3:45", "and", "a", ":", "b", ",", "c", ".");
    }

    @Test
    void aClosingCodeFenceIsTwoTokens() {
        assertThat(TreebankWordTokenizer.wordTokenize("Rest.\n```")).containsExactly("Rest", ".", "``", "`");
    }

    @Test
    void blankTextHasNoTokens() {
        assertThat(TreebankWordTokenizer.wordTokenize("")).isEmpty();
        assertThat(TreebankWordTokenizer.wordTokenize(" \n\t")).isEmpty();
    }
}
