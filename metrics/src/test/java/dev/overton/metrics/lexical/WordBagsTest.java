package dev.overton.metrics.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.lexical.LexicalSettings.ShortSequences;

/** Expected bags worked by hand from NLTK's tokens of the same strings (see TreebankWordTokenizerTest). */
class WordBagsTest {

    @Test
    void filterDropsStopwordsAndAsciiPunctuationButKeepsCapitalisedStopwords() {
        // tokens: The cat does n't sit on the mat . ''  -> "The" stays (case-sensitive), "n't" is not a stopword
        List<String> tokens = List.of("The", "cat", "does", "n't", "sit", "on", "the", "mat", ".", "''");
        assertThat(WordBags.contentTokens(tokens)).containsExactly("The", "cat", "n't", "sit", "mat");
    }

    @Test
    void onlyAllAsciiPunctuationTokensArePunctuation() {
        assertThat(WordBags.isAsciiPunctuation("``")).isTrue();
        assertThat(WordBags.isAsciiPunctuation("...")).isTrue();
        assertThat(WordBags.isAsciiPunctuation("--")).isTrue();
        assertThat(WordBags.isAsciiPunctuation("—")).isFalse();
        assertThat(WordBags.isAsciiPunctuation("’")).isFalse();
        assertThat(WordBags.isAsciiPunctuation("'s")).isFalse();
        assertThat(WordBags.isAsciiPunctuation("")).isFalse();
    }

    @Test
    void bigramsRunOverTheFilteredSequence() {
        // content tokens: Cats chase mice Dogs chase cats -> "chase" and "mice" become adjacent across "the"
        assertThat(WordBags.bag("Cats chase the mice. Dogs chase cats.", LexicalSettings.paper(2, false)))
                .containsExactlyInAnyOrder("Cats chase", "chase mice", "mice Dogs", "Dogs chase", "chase cats");
    }

    @Test
    void stemmingLowercasesBeforeFormingTheSet() {
        assertThat(WordBags.bag("Running runs. The runner ran.", LexicalSettings.paper(1, true)))
                .containsExactlyInAnyOrder("run", "the", "runner", "ran");
        assertThat(WordBags.bag("Running runs. The runner ran.", LexicalSettings.paper(1, false)))
                .containsExactlyInAnyOrder("Running", "runs", "The", "runner", "ran");
    }

    @Test
    void aSequenceShorterThanNIsOneNgramUnderThePaperConvention() {
        assertThat(WordBags.bag("No.", LexicalSettings.paper(2, false))).containsExactly("No");
        assertThat(WordBags.bag("No, we should not.", LexicalSettings.paper(2, false)))
                .containsExactly("No");
        assertThat(WordBags.bag("No.", new LexicalSettings(2, false, ShortSequences.NONE)))
                .isEmpty();
    }

    @Test
    void emptyTextGivesAnEmptyBag() {
        assertThat(WordBags.bag("", LexicalSettings.paper(1, false))).isEmpty();
        assertThat(WordBags.bag("the of .", LexicalSettings.paper(2, false))).isEmpty();
    }

    @Test
    void settingsDescribeTheWholePipeline() {
        assertThat(LexicalSettings.paper(1, false).describe())
                .isEqualTo("tokenizer=nltk-punkt-treebank-v1;filter=stop179+punct;stem=none;n=1;short=whole");
        assertThat(LexicalSettings.paper(2, true).describe())
                .isEqualTo("tokenizer=nltk-punkt-treebank-v1;filter=stop179+punct;stem=porter-nltk;n=2;short=whole");
        assertThat(new LexicalSettings(2, false, ShortSequences.NONE).describe())
                .endsWith(";short=none");
    }

    @Test
    void settingsRejectAnOrderBelowOne() {
        assertThatThrownBy(() -> LexicalSettings.paper(0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be at least 1");
    }
}
