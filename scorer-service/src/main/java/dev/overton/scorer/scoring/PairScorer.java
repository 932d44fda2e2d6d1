package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.metrics.diversity.RougeL;
import dev.overton.metrics.lexical.LexicalSettings;
import dev.overton.metrics.lexical.PairwiseJaccard;

/**
 * Between-variant values for one prompt, as in the paper: the reference (aligned) variant's sample 0 against each
 * sample of a candidate variant. When the candidate is the reference variant itself, samples 1..N-1 are compared with
 * sample 0 (aligned-vs-aligned, the ceiling a recovered variant is measured against), never sample 0 with itself.
 * Values: unigram Jaccard of content-word bags ({@code pair_jaccard_1}) and ROUGE-L F ({@code pair_rouge_l}).
 * Plain Java, no framework.
 */
public final class PairScorer {

    private static final LexicalSettings UNIGRAM = BatchTexts.UNIGRAM;

    private PairScorer() {}

    /**
     * The pair values of {@code candidates} against {@code referenceSample0}.
     *
     * @param referenceVariant the reference variant's name, stored with each value
     * @param referenceSample0 the reference variant's sample 0 for this prompt
     * @param candidates the candidate variant's samples
     * @param candidateIsReference whether the candidate variant is the reference variant
     */
    public static List<ScoreValue> score(
            String referenceVariant, Sample referenceSample0, List<Sample> candidates, boolean candidateIsReference) {
        return score(referenceVariant, referenceSample0, candidates, candidateIsReference, new BatchTexts());
    }

    /**
     * As {@link #score(String, Sample, List, boolean)}, with the texts' tokens and bags taken from {@code texts} (where
     * the set's own values left them, and the reference's sample 0 tokenized once for all variants of its prompt).
     */
    public static List<ScoreValue> score(
            String referenceVariant,
            Sample referenceSample0,
            List<Sample> candidates,
            boolean candidateIsReference,
            BatchTexts texts) {
        List<ScoreValue> values = new ArrayList<>();
        Set<String> referenceBag = texts.unigrams(referenceSample0.text());
        List<String> referenceRouge = texts.rougeTokens(referenceSample0.text());
        for (Sample candidate : candidates) {
            if (candidateIsReference && candidate.index() == referenceSample0.index()) {
                continue;
            }
            double rouge = RougeL.score(texts.rougeTokens(candidate.text()), referenceRouge)
                    .f();
            values.add(new ScoreValue(
                    MetricNames.PAIR_ROUGE_L,
                    candidate.index(),
                    referenceVariant,
                    Double.isNaN(rouge) ? null : rouge,
                    Double.isNaN(rouge) ? "both texts are empty" : null,
                    RougeL.SETTINGS + ";ref=sample0"));
            double jaccard = PairwiseJaccard.jaccard(referenceBag, texts.unigrams(candidate.text()));
            boolean undefined = Double.isNaN(jaccard);
            values.add(new ScoreValue(
                    MetricNames.PAIR_JACCARD_1,
                    candidate.index(),
                    referenceVariant,
                    undefined ? null : jaccard,
                    undefined ? "neither text has content words" : null,
                    UNIGRAM.describe() + ";ref=sample0"));
        }
        return values;
    }
}
