package dev.overton.metrics.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.overton.metrics.LimaOeFixture;
import dev.overton.metrics.LimaOeFixture.SampleSet;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * Reproduces the lexical reference values of METHOD.md from the released LIMA-OE generations.
 *
 * <p>Where the expected numbers come from: {@code table} is METHOD.md's reference table (4 decimals; tokens to 0.1).
 * {@code nltk} is NLTK itself (3.10.3 with its Punkt and Treebank rules set back to those of 3.8, the pretrained Punkt
 * English lists without orthographic contexts, the 179 stopwords, {@code PorterStemmer()}), run over the same files in
 * Python by the author of this test: it agrees with the table to the printed precision for all 32 numbers, and this
 * implementation agrees with it sentence for sentence and token for token on every fixture text.
 *
 * <p>What reproducing the table required, found by trying the alternatives against it:
 *
 * <ul>
 *   <li>Texts as stored, closing {@code ```} fence included (METHOD.md wants stop strings removed from <em>new</em>
 *       outputs; the released base-style outputs still end in the fence). The fence is two tokens, {@code ``} and
 *       {@code `}: stripping it gives 147.3 tokens for llama-2-base instead of 149.0, and leaves all Jaccard values
 *       unchanged, since punctuation-only tokens are filtered out before comparison.
 *   <li>Tokens per response = {@code len(nltk.word_tokenize(text))}, unfiltered, averaged over all responses of the
 *       variant (every prompt has five, so this equals the mean of per-prompt means).
 *   <li>NLTK 3.8 tokenizer rules: with NLTK 3.10's, llama-2-base J1 is 0.0891 and tokens 149.2.
 *   <li>A content sequence shorter than n counts as one n-gram ({@link LexicalSettings.ShortSequences#WHOLE_SEQUENCE}):
 *       strict bigrams give mistral J2 = 0.0371 (two one-word answers "No." become a skipped pair instead of a match).
 *   <li>Sentence splitting without Punkt's orthographic contexts (not shipped, see {@code PunktParameters}): the table
 *       is matched without them, and filling them with the most break-prone values instead moves no number by more
 *       than 0.0007 (llama-2-chat J1 becomes 0.2796), so whatever the real ones do here is near the table's precision.
 * </ul>
 */
class LimaOeReferenceValuesTest {

    /** The tolerance METHOD.md sets for a faithful implementation. */
    private static final double TABLE_DELTA = 0.003;

    /** Tokens per response: the table prints one decimal. */
    private static final double TABLE_TOKENS_DELTA = 0.1;

    /** Agreement with NLTK run on the same data, whose values are printed here to 6 decimals. */
    private static final double NLTK_DELTA = 1e-6;

    private static final double NLTK_TOKENS_DELTA = 1e-3;

    private Path fixture;

    /** Per test rather than per class, so that each test is reported as skipped (with the reason) without data. */
    @BeforeEach
    void locateFixture() {
        fixture = LimaOeFixture.assumePresent();
    }

    /** The four measured values of one variant. */
    record Measured(double j1, double j2, double j1Stemmed, double tokens) {}

    private Measured measure(String variant) {
        List<SampleSet> sets = LimaOeFixture.sampleSets(fixture, variant);
        LexicalSettings unigrams = LexicalSettings.paper(1, false);
        LexicalSettings bigrams = LexicalSettings.paper(2, false);
        LexicalSettings stemmed = LexicalSettings.paper(1, true);
        PromptMean j1 = new PromptMean();
        PromptMean j2 = new PromptMean();
        PromptMean j1Stemmed = new PromptMean();
        long tokenCount = 0;
        int responses = 0;
        for (SampleSet set : sets) {
            if (set.failed()) {
                continue;
            }
            List<Set<String>> bags1 = new ArrayList<>();
            List<Set<String>> bags2 = new ArrayList<>();
            List<Set<String>> bagsStemmed = new ArrayList<>();
            for (String text : set.texts()) {
                List<String> tokens = TreebankWordTokenizer.wordTokenize(text);
                tokenCount += tokens.size();
                responses++;
                bags1.add(WordBags.bagOfTokens(tokens, unigrams));
                bags2.add(WordBags.bagOfTokens(tokens, bigrams));
                bagsStemmed.add(WordBags.bagOfTokens(tokens, stemmed));
            }
            j1.add(PairwiseJaccard.mean(bags1));
            j2.add(PairwiseJaccard.mean(bags2));
            j1Stemmed.add(PairwiseJaccard.mean(bagsStemmed));
        }
        return new Measured(j1.mean(), j2.mean(), j1Stemmed.mean(), (double) tokenCount / responses);
    }

    /** Mean over prompts, leaving out prompts whose value is undefined. */
    private static final class PromptMean {
        private double sum;
        private int count;

        void add(double value) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            # variant,                table J1, J2,  J1s,    tokens, NLTK J1,  J2,       J1s,      tokens
            llama-2-base,             0.0890, 0.0251, 0.1110, 149.0, 0.089036, 0.025138, 0.111035, 149.048
            llama-2-chat,             0.2790, 0.0816, 0.3371, 551.6, 0.278980, 0.081585, 0.337116, 551.616
            llama-2-icl,              0.1990, 0.0469, 0.2428, 260.5, 0.198986, 0.046927, 0.242844, 260.544
            llama-2-icl-chat,         0.2176, 0.0529, 0.2676, 408.3, 0.217621, 0.052874, 0.267577, 408.340
            llama-2-icl-chat-summary, 0.2460, 0.0738, 0.3037, 416.5, 0.246030, 0.073775, 0.303656, 416.544
            gpt-3.5-turbo,            0.2939, 0.0874, 0.3588, 354.8, 0.293882, 0.087442, 0.358841, 354.776
            mistral,                  0.1493, 0.0391, 0.1840, 208.4, 0.149259, 0.039084, 0.184003, 208.444
            mistral-instruct,         0.2354, 0.0535, 0.2929, 392.2, 0.235439, 0.053538, 0.292861, 392.204
            """)
    void lexicalJaccardAndLengthMatchTheReferenceTable(
            String variant,
            double j1,
            double j2,
            double j1Stemmed,
            double tokens,
            double nltkJ1,
            double nltkJ2,
            double nltkJ1Stemmed,
            double nltkTokens) {
        Measured measured = measure(variant);

        assertThat(measured.j1()).as("J1").isCloseTo(j1, within(TABLE_DELTA));
        assertThat(measured.j2()).as("J2").isCloseTo(j2, within(TABLE_DELTA));
        assertThat(measured.j1Stemmed()).as("J1 stemmed").isCloseTo(j1Stemmed, within(TABLE_DELTA));
        assertThat(measured.tokens()).as("tokens per response").isCloseTo(tokens, within(TABLE_TOKENS_DELTA));

        assertThat(measured.j1()).as("J1 vs NLTK").isCloseTo(nltkJ1, within(NLTK_DELTA));
        assertThat(measured.j2()).as("J2 vs NLTK").isCloseTo(nltkJ2, within(NLTK_DELTA));
        assertThat(measured.j1Stemmed()).as("J1s vs NLTK").isCloseTo(nltkJ1Stemmed, within(NLTK_DELTA));
        assertThat(measured.tokens()).as("tokens vs NLTK").isCloseTo(nltkTokens, within(NLTK_TOKENS_DELTA));
    }

    @Test
    void strictBigramsMissTheMistralReference() {
        // Python on the same data with nltk.ngrams-style bigrams: 0.037099 (vs 0.0391 in the table).
        List<SampleSet> sets = LimaOeFixture.sampleSets(fixture, "mistral");
        LexicalSettings strict = new LexicalSettings(2, false, LexicalSettings.ShortSequences.NONE);
        PromptMean j2 = new PromptMean();
        for (SampleSet set : sets) {
            List<Set<String>> bags = new ArrayList<>();
            for (String text : set.texts()) {
                bags.add(WordBags.bag(text, strict));
            }
            j2.add(PairwiseJaccard.mean(bags));
        }
        assertThat(j2.mean()).isCloseTo(0.037099, within(NLTK_DELTA));
    }

    @Test
    void failedPromptsAreSkipped() {
        // METHOD.md: this K=5 run overflowed the 4096-token context for 48 of 50 prompts (error entries in the file).
        List<SampleSet> sets = LimaOeFixture.sampleSets(fixture, "llama-2-icl-chat-5nn-prompt_similar");
        assertThat(sets).hasSize(50);
        assertThat(sets.stream().filter(SampleSet::failed)).hasSize(48);
    }
}
