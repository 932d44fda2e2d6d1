package dev.overton.scorer.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.overton.metrics.diversity.RougeL;
import dev.overton.metrics.lexical.LexicalSettings;
import dev.overton.metrics.lexical.WordBags;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * The word tokens, unigram bag and ROUGE-L tokens of the texts of one batch, each computed once. A set's own values and
 * its between-variant values read the same answers (and the reference's sample 0 is compared with every variant of its
 * prompt), so without this each text was tokenized two or more times. One instance per batch, on one worker thread:
 * its memory is the batch's and goes with it. Plain Java, no framework.
 */
public final class BatchTexts {

    /** The unigram settings of {@code jaccard_1} and {@code pair_jaccard_1}, whose bags are shared. */
    static final LexicalSettings UNIGRAM = LexicalSettings.paper(1, false);

    private final Map<String, List<String>> words = new HashMap<>();
    private final Map<String, Set<String>> unigrams = new HashMap<>();
    private final Map<String, List<String>> rougeTokens = new HashMap<>();

    /** The NLTK word tokens of {@code text}. */
    public List<String> words(String text) {
        return words.computeIfAbsent(text, TreebankWordTokenizer::wordTokenize);
    }

    /** The unigram word bag of {@code text} ({@link #UNIGRAM}). */
    public Set<String> unigrams(String text) {
        return unigrams.computeIfAbsent(text, t -> WordBags.bagOfTokens(words(t), UNIGRAM));
    }

    /** The ROUGE-L tokens of {@code text} ({@link RougeL#normalise}). */
    public List<String> rougeTokens(String text) {
        return rougeTokens.computeIfAbsent(text, t -> RougeL.normalise(words(t)));
    }
}
