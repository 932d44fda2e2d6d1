package dev.overton.metrics.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * Which way a metric moves when a model changes, in words, and which way is worse: the "Direction" of each metric in
 * {@code docs/metrics.md} and {@code docs/semantic.md} as data, so that a comparison can say "less diverse" or "closer
 * to the aligned model" instead of a sign, and a gate or a monitor can tell a regression from an improvement.
 *
 * <p>"Worse" is only set where the documentation says which way is better for the Overton reading: less diversity,
 * less coverage by the aligned answer, more information missing from it, lower judged quality, fewer answers
 * presenting both sides. Lengths, formats, abstention and closeness to the aligned model have no worse direction
 * ({@link Worse#NEITHER}): a change there is described, never called a regression.
 *
 * @param metric the metric's name
 * @param higher what a higher value means, e.g. "less diverse"
 * @param lower what a lower value means, e.g. "more diverse"
 * @param worse which way is worse
 */
public record MetricDirection(String metric, String higher, String lower, Worse worse) {

    /** Which way of a metric is worse. */
    public enum Worse {
        /** A higher value is worse (e.g. Jaccard similarity within a set: less diverse). */
        HIGHER,
        /** A lower value is worse (e.g. Vendi score: less diverse). */
        LOWER,
        /** Neither: the metric describes, it does not judge (lengths, formats, closeness to the aligned model). */
        NEITHER
    }

    private static final String LESS_DIVERSE = "less diverse";
    private static final String MORE_DIVERSE = "more diverse";
    private static final String CLOSER = "closer to the aligned model";
    private static final String FURTHER = "further from the aligned model";

    private static final Map<String, MetricDirection> KNOWN = new HashMap<>();

    static {
        for (String m : new String[] {
            "jaccard_1",
            "jaccard_2",
            "jaccard_1_stem",
            "self_bleu",
            "compression_ratio",
            "self_repetition",
            "homogenization_rougel",
            "embedding_mean_pairwise_cosine"
        }) {
            add(m, LESS_DIVERSE, MORE_DIVERSE, Worse.HIGHER);
        }
        for (String m : new String[] {
            "distinct_prefix_share",
            "distinct_1",
            "distinct_2",
            "distinct_3",
            "distinct_4",
            "ngram_diversity",
            "embedding_remote_clique",
            "embedding_chamfer_distance",
            "embedding_vendi_score"
        }) {
            add(m, MORE_DIVERSE, LESS_DIVERSE, Worse.LOWER);
        }
        for (String m : new String[] {"length_diff_tokens", "length_diff_chars"}) {
            add(m, "lengths vary more", "lengths vary less", Worse.LOWER);
        }
        for (String m : new String[] {
            "pair_jaccard_1", "pair_rouge_l", "bertscore_precision", "bertscore_recall", "bertscore_f1"
        }) {
            add(m, CLOSER, FURTHER, Worse.NEITHER);
        }
        for (String m : new String[] {"mean_tokens", "mean_chars", "length_tokens", "length_chars"}) {
            add(m, "longer", "shorter", Worse.NEITHER);
        }
        for (String m : new String[] {"numbered_list_items", "bullet_list_items"}) {
            add(m, "more list formatting", "less list formatting", Worse.NEITHER);
        }
        add("abstention_share", "more abstaining", "less abstaining", Worse.NEITHER);
        add(
                "overton_coverage_aligned",
                "the aligned answer covers more",
                "the aligned answer covers less",
                Worse.LOWER);
        add(
                "judge_missing_info",
                "more of the candidate missing from the aligned answer",
                "less of the candidate missing from the aligned answer",
                Worse.HIGHER);
        add("judge_quality_mean", "better judged quality", "worse judged quality", Worse.LOWER);
        for (String aspect : new String[] {"helpfulness", "clarity", "factuality", "depth", "engagement"}) {
            add("judge_quality_" + aspect, "better judged " + aspect, "worse judged " + aspect, Worse.LOWER);
        }
        add("judge_stance_both", "more answers present both sides", "fewer answers present both sides", Worse.LOWER);
    }

    private static void add(String metric, String higher, String lower, Worse worse) {
        KNOWN.put(metric, new MetricDirection(metric, higher, lower, worse));
    }

    /**
     * The documented direction of {@code metric}; a metric without one (e.g. {@code judge_topics_count}, {@code
     * overton_coverage_base_self}) reads "higher" / "lower" with no worse direction.
     */
    public static MetricDirection of(String metric) {
        MetricDirection known = KNOWN.get(metric);
        return known != null ? known : new MetricDirection(metric, "higher", "lower", Worse.NEITHER);
    }

    /**
     * The documented metrics with a worse direction ({@link Worse#HIGHER} or {@link Worse#LOWER}), sorted: the ones a
     * monitor can raise an alarm on.
     */
    public static java.util.SortedSet<String> withWorseDirection() {
        java.util.SortedSet<String> metrics = new java.util.TreeSet<>();
        KNOWN.values().stream().filter(d -> d.worse() != Worse.NEITHER).forEach(d -> metrics.add(d.metric()));
        return java.util.Collections.unmodifiableSortedSet(metrics);
    }

    /** Whether the metric's documentation says which way it moves (so {@link #of} did not fall back). */
    public static boolean documented(String metric) {
        return KNOWN.containsKey(metric);
    }

    /** A difference {@code b − a} in words: {@link #higher()}, {@link #lower()}, "no change", or "undefined" for NaN. */
    public String words(double difference) {
        if (Double.isNaN(difference)) {
            return "undefined";
        }
        if (difference == 0) {
            return "no change";
        }
        return difference > 0 ? higher : lower;
    }

    /** Whether a difference {@code b − a} moved the metric its worse way (never for NaN, 0 or {@link Worse#NEITHER}). */
    public boolean isWorse(double difference) {
        return switch (worse) {
            case HIGHER -> difference > 0;
            case LOWER -> difference < 0;
            case NEITHER -> false;
        };
    }
}
