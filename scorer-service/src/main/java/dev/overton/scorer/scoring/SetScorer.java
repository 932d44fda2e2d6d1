package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.metrics.lexical.PairwiseJaccard;
import dev.overton.metrics.lexical.SimpleTokenizer;

/**
 * Computes the within-set values of one sample set: mean pairwise unigram Jaccard, mean lengths, and each response's
 * length. Plain Java, no framework: the consumer calls it on a worker thread.
 *
 * <p>An undefined value (one sample, or every pair empty) is returned with a null value and a reason, never as 0.
 */
public final class SetScorer {

    /** Settings of the lexical values, stored with each. */
    public static final String LEXICAL_SETTINGS = "tokenizer=" + SimpleTokenizer.NAME + ";filter=none;n=1";

    /** Settings of the length values. */
    public static final String LENGTH_SETTINGS = "tokenizer=" + SimpleTokenizer.NAME + ";chars=utf16";

    private SetScorer() {}

    /** The values of a set's samples. */
    public static List<ScoreValue> score(List<Sample> samples) {
        List<ScoreValue> values = new ArrayList<>();
        List<Set<String>> bags = new ArrayList<>(samples.size());
        double tokens = 0;
        double chars = 0;
        for (Sample sample : samples) {
            List<String> words = SimpleTokenizer.tokenize(sample.text());
            bags.add(PairwiseJaccard.bag(words));
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
        double jaccard = PairwiseJaccard.mean(bags);
        values.add(new ScoreValue(
                MetricNames.JACCARD_1,
                null,
                null,
                Double.isNaN(jaccard) ? null : jaccard,
                Double.isNaN(jaccard) ? jaccardUndefinedReason(samples.size()) : null,
                LEXICAL_SETTINGS));
        boolean empty = samples.isEmpty();
        values.add(new ScoreValue(
                MetricNames.MEAN_TOKENS,
                null,
                null,
                empty ? null : tokens / samples.size(),
                empty ? "no samples" : null,
                LENGTH_SETTINGS));
        values.add(new ScoreValue(
                MetricNames.MEAN_CHARS,
                null,
                null,
                empty ? null : chars / samples.size(),
                empty ? "no samples" : null,
                LENGTH_SETTINGS));
        return values;
    }

    private static String jaccardUndefinedReason(int sampleCount) {
        return sampleCount < 2 ? "fewer than two samples" : "every pair of samples has no tokens";
    }
}
