package dev.overton.semantic.bertscore;

import java.util.Objects;

/**
 * BERTScore baseline values for rescaling: the scores the encoder gives to unrelated text pairs, so that
 * {@code (score - b) / (1 - b)} maps "unrelated" to about 0 and spreads the otherwise narrow range (raw F1 of any two
 * English texts sits around 0.8 to 0.9). bert_score ships baselines per model and layer, computed on Common Crawl
 * sentence pairs; for another encoder they must be computed the same way and given here, with where they came from.
 *
 * @param precision baseline for precision
 * @param recall baseline for recall
 * @param f1 baseline for F1
 * @param source where the numbers come from, recorded in the settings string
 */
public record Baseline(double precision, double recall, double f1, String source) {

    public Baseline {
        Objects.requireNonNull(source, "source");
        for (double b : new double[] {precision, recall, f1}) {
            if (!(b < 1) || Double.isNaN(b)) {
                throw new IllegalArgumentException("baseline values must be below 1, got " + b);
            }
        }
    }

    /** Rescales one value against one baseline value. */
    static double rescale(double value, double baseline) {
        return (value - baseline) / (1 - baseline);
    }

    String describe() {
        return "baseline(p=" + precision + ",r=" + recall + ",f=" + f1 + ",source=" + source + ")";
    }
}
