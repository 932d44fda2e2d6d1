package dev.overton.metrics.diversity;

/**
 * Self-BLEU of a set (Zhu et al. 2018, "Texygen: A Benchmarking Platform for Text Generation Models"): each response in
 * turn is the hypothesis and all the other responses of the set are its references; the set's value is the mean of
 * these sentence BLEU scores. How much of each response could have been written by copying phrases from its siblings.
 *
 * <p>Each sentence score is BLEU-4 (Papineni et al. 2002) exactly as NLTK 3.8's {@code sentence_bleu(references,
 * hypothesis, weights=(0.25, 0.25, 0.25, 0.25), smoothing_function=SmoothingFunction().method1)} computes it:
 *
 * <ul>
 *   <li>modified precision p_n = (sum over the hypothesis's n-grams of min(count, max count in any one reference)) /
 *       max(1, number of hypothesis n-grams), n = 1..4;
 *   <li>smoothing: Chen and Cherry (2014) method 1, a p_n with a zero numerator becomes 0.1 / its denominator;
 *   <li>brevity penalty 1 when the hypothesis is longer than the closest reference length (ties to the shorter
 *       reference), else exp(1 - r / c);
 *   <li>BLEU = BP * exp(sum of 0.25 * log p_n), and 0 outright when no hypothesis unigram occurs in any reference (an
 *       empty hypothesis included), as NLTK returns.
 * </ul>
 *
 * <p>Tokens are those of {@link NgramIndex} (NLTK word tokens, case kept, punctuation kept).
 *
 * <p>Range {@code [0, 1]}. Higher = responses share more phrasing (less diverse). Fewer than two responses: undefined
 * ({@link Double#NaN}, "fewer than two samples"). Every response empty: undefined ("every sample is empty"), where NLTK
 * would report 0, which would read as maximally diverse. A single empty response among others scores 0 as hypothesis
 * and matches nothing as reference.
 */
public final class SelfBleu {

    /** BLEU's highest n-gram order. */
    public static final int MAX_N = 4;

    /** Chen and Cherry's method-1 epsilon (NLTK's default). */
    public static final double EPSILON = 0.1;

    /** Settings of the value. */
    public static final String SETTINGS = NgramIndex.TOKENS
            + ";bleu=4;weights=uniform;smoothing=chen-cherry-method1(eps=0.1);as=nltk-3.8-sentence_bleu"
            + ";references=other-samples;mean=over-hypotheses";

    static final String EVERY_SAMPLE_EMPTY = "every sample is empty";

    private SelfBleu() {}

    /** Self-BLEU of {@code set}. */
    public static MetricValue of(TokenizedSet set) {
        return of(NgramIndex.of(set, MAX_N));
    }

    /** Self-BLEU of the set indexed by {@code index}, which must hold orders 1..4. */
    public static MetricValue of(NgramIndex index) {
        int responses = index.responses();
        if (responses < 2) {
            return MetricValue.undefined(LengthDifference.FEWER_THAN_TWO, SETTINGS);
        }
        if (index.total(1) == 0) {
            return MetricValue.undefined(EVERY_SAMPLE_EMPTY, SETTINGS);
        }
        Scratch scratch = new Scratch(index);
        double sum = 0;
        for (int hypothesis = 0; hypothesis < responses; hypothesis++) {
            sum += sentenceBleu(index, hypothesis, scratch);
        }
        return MetricValue.of(sum / responses, SETTINGS);
    }

    /** Per-order counting arrays, sized once per set and left all-zero between uses. */
    private static final class Scratch {
        final int[][] counts = new int[MAX_N][];
        final int[][] maxReference = new int[MAX_N][];

        Scratch(NgramIndex index) {
            for (int n = 1; n <= MAX_N; n++) {
                counts[n - 1] = new int[index.distinct(n)];
                maxReference[n - 1] = new int[index.distinct(n)];
            }
        }
    }

    /** NLTK's sentence BLEU of response {@code hypothesis} against all other responses. */
    private static double sentenceBleu(NgramIndex index, int hypothesis, Scratch scratch) {
        int hypothesisLength = index.length(hypothesis);
        double logPrecisionSum = 0;
        for (int n = 1; n <= MAX_N; n++) {
            int[] counts = scratch.counts[n - 1];
            int[] maxReference = scratch.maxReference[n - 1];
            for (int reference = 0; reference < index.responses(); reference++) {
                if (reference != hypothesis) {
                    int[] grams = index.ids(n, reference);
                    for (int id : grams) {
                        counts[id]++;
                    }
                    for (int id : grams) {
                        if (counts[id] > maxReference[id]) {
                            maxReference[id] = counts[id];
                        }
                    }
                    for (int id : grams) {
                        counts[id] = 0;
                    }
                }
            }
            int[] grams = index.ids(n, hypothesis);
            for (int id : grams) {
                counts[id]++;
            }
            long clipped = 0;
            for (int id : grams) {
                if (counts[id] > 0) {
                    clipped += Math.min(counts[id], maxReference[id]);
                    counts[id] = 0; // each distinct n-gram once
                }
            }
            for (int reference = 0; reference < index.responses(); reference++) {
                if (reference != hypothesis) {
                    for (int id : index.ids(n, reference)) {
                        maxReference[id] = 0;
                    }
                }
            }
            if (n == 1 && clipped == 0) {
                return 0; // NLTK: no unigram match at all (or an empty hypothesis) is BLEU 0, unsmoothed
            }
            int denominator = Math.max(1, grams.length);
            double precision = clipped == 0 ? EPSILON / denominator : (double) clipped / denominator;
            logPrecisionSum += Math.log(precision) / MAX_N;
        }
        return brevityPenalty(index, hypothesis, hypothesisLength) * Math.exp(logPrecisionSum);
    }

    private static double brevityPenalty(NgramIndex index, int hypothesis, int hypothesisLength) {
        int closest = -1;
        for (int reference = 0; reference < index.responses(); reference++) {
            if (reference == hypothesis) {
                continue;
            }
            int length = index.length(reference);
            if (closest < 0) {
                closest = length;
                continue;
            }
            int distance = Math.abs(length - hypothesisLength);
            int best = Math.abs(closest - hypothesisLength);
            if (distance < best || (distance == best && length < closest)) {
                closest = length;
            }
        }
        if (hypothesisLength > closest) {
            return 1;
        }
        return Math.exp(1 - (double) closest / hypothesisLength);
    }
}
