package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.metrics.diversity.DiversitySuite;
import dev.overton.metrics.diversity.TokenizedSet;
import dev.overton.metrics.lexical.LexicalSettings;
import dev.overton.metrics.lexical.PairwiseJaccard;
import dev.overton.metrics.lexical.WordBags;

/**
 * Computes the within-set values of one sample set: the paper's pairwise Jaccard (unigram, bigram, stemmed unigram)
 * over NLTK-faithful word bags, mean lengths, each response's length, and the diversity suite (distinct-n, self-BLEU,
 * compression ratio, homogenization, ...; see {@link DiversitySuite} and docs/metrics.md). Each text is tokenized once. Plain Java, no
 * framework: the consumer calls it on a worker thread.
 *
 * <p>An undefined value (one sample, or every pair empty) is returned with a null value and a reason, never as 0.
 */
public final class SetScorer {

    private static final LexicalSettings UNIGRAM = BatchTexts.UNIGRAM;
    private static final LexicalSettings BIGRAM = LexicalSettings.paper(2, false);
    private static final LexicalSettings UNIGRAM_STEM = LexicalSettings.paper(1, true);
    private static final DiversitySuite DIVERSITY = new DiversitySuite();

    /** Settings of the length values, stored with each. */
    public static final String LENGTH_SETTINGS = "tokens=nltk-word-tokenize;chars=utf16";

    private SetScorer() {}

    /** The values of every group this class computes ({@code lexical} and {@code diversity}). */
    public static List<ScoreValue> score(List<Sample> samples) {
        return score(samples, EnumSet.allOf(MeasureGroup.class));
    }

    /**
     * The values of the groups asked for: {@link MeasureGroup#LEXICAL} (Jaccard family and lengths) and {@link
     * MeasureGroup#DIVERSITY} (the diversity suite); other groups are not computed here.
     */
    public static List<ScoreValue> score(List<Sample> samples, Set<MeasureGroup> groups) {
        return score(samples, groups, new BatchTexts());
    }

    /**
     * As {@link #score(List, Set)}, with the texts' tokens and unigram bags taken from (and left in) {@code texts}, so
     * that the between-variant values of the same batch ({@link PairScorer}) need not tokenize them again.
     */
    public static List<ScoreValue> score(List<Sample> samples, Set<MeasureGroup> groups, BatchTexts texts) {
        boolean lexical = groups.contains(MeasureGroup.LEXICAL);
        boolean diversity = groups.contains(MeasureGroup.DIVERSITY);
        if (!lexical && !diversity) {
            return List.of();
        }
        List<ScoreValue> values = new ArrayList<>();
        List<Set<String>> unigrams = new ArrayList<>(samples.size());
        List<Set<String>> bigrams = new ArrayList<>(samples.size());
        List<Set<String>> stems = new ArrayList<>(samples.size());
        double tokens = 0;
        double chars = 0;
        List<String> sampleTexts = new ArrayList<>(samples.size());
        List<List<String>> tokenLists = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            List<String> words = texts.words(sample.text());
            sampleTexts.add(sample.text());
            tokenLists.add(words);
            if (!lexical) {
                continue;
            }
            unigrams.add(texts.unigrams(sample.text()));
            bigrams.add(WordBags.bagOfTokens(words, BIGRAM));
            stems.add(WordBags.bagOfTokens(words, UNIGRAM_STEM));
            tokens += words.size();
            chars += sample.text().length();
            values.add(new ScoreValue(
                    MetricNames.LENGTH_TOKENS, sample.index(), null, (double) words.size(), null, LENGTH_SETTINGS));
            values.add(new ScoreValue(
                    MetricNames.LENGTH_CHARS,
                    sample.index(),
                    null,
                    (double) sample.text().length(),
                    null,
                    LENGTH_SETTINGS));
        }
        if (lexical) {
            lexicalSummary(values, unigrams, bigrams, stems, tokens, chars, samples.size());
        }
        if (diversity) {
            DIVERSITY
                    .score(new TokenizedSet(sampleTexts, tokenLists))
                    .forEach((metric, value) -> values.add(new ScoreValue(
                            metric,
                            null,
                            null,
                            value.defined() ? value.value() : null,
                            value.defined() ? null : value.reason(),
                            value.settings())));
        }
        return values;
    }

    private static void lexicalSummary(
            List<ScoreValue> values,
            List<Set<String>> unigrams,
            List<Set<String>> bigrams,
            List<Set<String>> stems,
            double tokens,
            double chars,
            int count) {
        values.add(jaccard(MetricNames.JACCARD_1, unigrams, UNIGRAM));
        values.add(jaccard(MetricNames.JACCARD_2, bigrams, BIGRAM));
        values.add(jaccard(MetricNames.JACCARD_1_STEM, stems, UNIGRAM_STEM));
        boolean empty = count == 0;
        values.add(new ScoreValue(
                MetricNames.MEAN_TOKENS,
                null,
                null,
                empty ? null : tokens / count,
                empty ? "no samples" : null,
                LENGTH_SETTINGS));
        values.add(new ScoreValue(
                MetricNames.MEAN_CHARS,
                null,
                null,
                empty ? null : chars / count,
                empty ? "no samples" : null,
                LENGTH_SETTINGS));
    }

    private static ScoreValue jaccard(String metric, List<Set<String>> bags, LexicalSettings settings) {
        double mean = PairwiseJaccard.mean(bags);
        boolean undefined = Double.isNaN(mean);
        return new ScoreValue(
                metric,
                null,
                null,
                undefined ? null : mean,
                undefined
                        ? (bags.size() < 2 ? "fewer than two samples" : "every pair of samples has no content words")
                        : null,
                settings.describe());
    }
}
