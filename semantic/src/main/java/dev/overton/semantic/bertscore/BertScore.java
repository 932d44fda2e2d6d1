package dev.overton.semantic.bertscore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.overton.metrics.diversity.MetricValue;

/**
 * BERTScore of one (candidate, reference) pair: precision, recall and F1, rescaled when the settings say so, with the
 * settings string that says how they were made (model, layer, idf, rescale, window mode, version). Undefined values
 * are {@link Double#NaN} with a reason (for example an empty candidate), never 0.
 *
 * <p>Raw scores lie in [-1, 1] (cosines) and in practice in about [0.7, 1] for English text; 1 means every token has an
 * identical counterpart. Higher = more similar. Rescaled scores are mostly in [0, 1] but can leave it.
 *
 * @param precision mean best match of candidate tokens in the reference
 * @param recall mean best match of reference tokens in the candidate
 * @param f1 harmonic mean of precision and recall
 * @param reason why the values are undefined, {@code null} when defined
 * @param settings how the score was computed
 * @param droppedTokens content tokens cut off by truncation, candidate and reference together
 */
public record BertScore(double precision, double recall, double f1, String reason, String settings, int droppedTokens) {

    /** Measure names as served by the scorer. */
    public static final String PRECISION = "bertscore_precision";

    public static final String RECALL = "bertscore_recall";
    public static final String F1 = "bertscore_f1";

    public BertScore {
        Objects.requireNonNull(settings, "settings");
    }

    /** Whether F1 is defined. */
    public boolean defined() {
        return !Double.isNaN(f1);
    }

    /** The three values under their served names. */
    public Map<String, MetricValue> toMetricValues() {
        Map<String, MetricValue> values = new LinkedHashMap<>();
        values.put(PRECISION, value(precision));
        values.put(RECALL, value(recall));
        values.put(F1, value(f1));
        return values;
    }

    private MetricValue value(double v) {
        return Double.isNaN(v)
                ? MetricValue.undefined(reason == null ? "undefined" : reason, settings)
                : MetricValue.of(v, settings);
    }
}
