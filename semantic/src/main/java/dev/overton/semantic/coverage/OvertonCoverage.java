package dev.overton.semantic.coverage;

import java.util.ArrayList;
import java.util.List;

import dev.overton.metrics.diversity.MetricValue;
import dev.overton.metrics.text.PunktSentenceSplitter;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.embedding.Vectors;

/**
 * Embedding coverage, the "Overton" reading of the paper: one aligned answer may say what several base answers say
 * between them. For one prompt, every base response is split into sentences (NLTK Punkt, as the lexical metrics do);
 * a base sentence is <em>covered</em> by a response when some sentence of that response has cosine similarity at or
 * above the threshold with it (sentence embeddings, mean-pooled and L2-normalised).
 *
 * <ul>
 *   <li>aligned coverage = share of all base sentences covered by the aligned response (the reference's sample 0);
 *   <li>base self-coverage = mean over base responses of the share of the other base responses' sentences it covers.
 * </ul>
 *
 * If the aligned coverage exceeds the base self-coverage, one aligned answer covers more of the base distribution than
 * a base answer does: aggregation rather than loss. "Sentences" without a letter (a closing code fence, a bare list
 * number such as {@code "2."}, which Punkt may split off) are dropped: they carry no content, and identical ones
 * would match across unrelated responses.
 *
 * <p>The threshold depends on the encoder: cosines of unrelated sentences are around 0.1 for MiniLM and much higher
 * for other models. {@link #MINILM_THRESHOLD} was chosen from the LIMA-OE distribution (see docs/semantic.md).
 * Blocking (embeds sentences): run on worker threads.
 */
public final class OvertonCoverage {

    /**
     * Threshold for the bundled all-MiniLM-L6-v2: the lowest multiple of 0.05 that a LIMA-OE base sentence's best
     * match among the sentences of a chat response to a <em>different</em> prompt reaches at most once in a thousand
     * (0.1%; the 99th percentile of those chance matches is 0.49). See docs/semantic.md for the distribution.
     */
    public static final double MINILM_THRESHOLD = 0.6;

    private final SentenceEmbedder embedder;
    private final PunktSentenceSplitter splitter;
    private final double threshold;

    /** Coverage with the given embedder and threshold, splitting with Punkt's English model. */
    public OvertonCoverage(SentenceEmbedder embedder, double threshold) {
        this(embedder, PunktSentenceSplitter.english(), threshold);
    }

    /** Coverage with an explicit sentence splitter. */
    public OvertonCoverage(SentenceEmbedder embedder, PunktSentenceSplitter splitter, double threshold) {
        if (!(threshold > -1 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be a cosine in (-1, 1], was " + threshold);
        }
        this.embedder = embedder;
        this.splitter = splitter;
        this.threshold = threshold;
    }

    /** The content sentences of a text: Punkt sentences that contain a letter, trimmed. */
    public List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : splitter.split(text)) {
            String t = s.strip();
            if (t.codePoints().anyMatch(Character::isLetter)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Coverage for one prompt.
     *
     * @param baseResponses the base variant's responses (N of them)
     * @param alignedResponse one aligned response (the reference's sample 0)
     * @return aligned coverage (undefined when the base responses have no sentence) and base self-coverage (undefined
     *     with fewer than two base responses, or when no base response has another with sentences)
     */
    public CoverageReport coverage(List<String> baseResponses, String alignedResponse) {
        List<List<float[]>> base = new ArrayList<>();
        for (String response : baseResponses) {
            base.add(embedder.embedAll(sentences(response)));
        }
        List<float[]> aligned = embedder.embedAll(sentences(alignedResponse));
        String settings = settings();
        int baseCount = base.stream().mapToInt(List::size).sum();
        MetricValue alignedCoverage;
        if (baseCount == 0) {
            alignedCoverage = MetricValue.undefined("the base responses have no sentences", settings);
        } else {
            int covered = 0;
            for (List<float[]> response : base) {
                covered += countCovered(response, aligned);
            }
            alignedCoverage = MetricValue.of((double) covered / baseCount, settings);
        }
        MetricValue self;
        if (base.size() < 2) {
            self = MetricValue.undefined("fewer than two base responses", settings);
        } else {
            double sum = 0;
            int counted = 0;
            for (int i = 0; i < base.size(); i++) {
                int others = 0;
                int covered = 0;
                for (int j = 0; j < base.size(); j++) {
                    if (j != i) {
                        others += base.get(j).size();
                        covered += countCovered(base.get(j), base.get(i));
                    }
                }
                if (others > 0) {
                    sum += (double) covered / others;
                    counted++;
                }
            }
            self = counted == 0
                    ? MetricValue.undefined("no base response has other responses with sentences", settings)
                    : MetricValue.of(sum / counted, settings);
        }
        return new CoverageReport(alignedCoverage, self, baseCount, aligned.size(), threshold);
    }

    private int countCovered(List<float[]> sentences, List<float[]> by) {
        int covered = 0;
        for (float[] s : sentences) {
            if (bestMatch(s, by) >= threshold) {
                covered++;
            }
        }
        return covered;
    }

    /** The best cosine of {@code sentence} with any of {@code candidates}; -infinity when there are none. */
    public static double bestMatch(float[] sentence, List<float[]> candidates) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] c : candidates) {
            best = Math.max(best, Vectors.dot(sentence, c));
        }
        return best;
    }

    /** The embedder (for calibration code that needs sentence embeddings). */
    public SentenceEmbedder embedder() {
        return embedder;
    }

    /** Settings string of the coverage values. */
    public String settings() {
        return "coverage(" + embedder.settings() + ";sentences=punkt-english;threshold=" + threshold + ")";
    }
}
