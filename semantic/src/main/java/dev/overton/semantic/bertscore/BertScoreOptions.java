package dev.overton.semantic.bertscore;

import java.util.Objects;
import java.util.Optional;

import dev.overton.semantic.encoder.WindowMode;

/**
 * How BERTScore is computed, beyond the encoder itself.
 *
 * @param windowMode sliding windows over long texts (default) or {@link WindowMode#TRUNCATE} at the encoder's maximum
 *     length (the paper's setting)
 * @param idf weight tokens by their idf over the reference set ({@link IdfWeights}); off in the paper
 * @param baseline rescale with these baseline values; empty for raw scores (the paper's setting)
 */
public record BertScoreOptions(WindowMode windowMode, boolean idf, Optional<Baseline> baseline) {

    public BertScoreOptions {
        Objects.requireNonNull(windowMode, "windowMode");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Sliding windows, no idf, no rescaling. */
    public static BertScoreOptions defaults() {
        return new BertScoreOptions(WindowMode.SLIDING, false, Optional.empty());
    }

    /** As the paper ran bert_score: truncated at the encoder's maximum length, no idf, no rescaling. */
    public static BertScoreOptions paper() {
        return new BertScoreOptions(WindowMode.TRUNCATE, false, Optional.empty());
    }

    /** These options with idf weighting on or off. */
    public BertScoreOptions withIdf(boolean on) {
        return new BertScoreOptions(windowMode, on, baseline);
    }

    /** These options with baseline rescaling. */
    public BertScoreOptions withBaseline(Baseline b) {
        return new BertScoreOptions(windowMode, idf, Optional.of(b));
    }
}
