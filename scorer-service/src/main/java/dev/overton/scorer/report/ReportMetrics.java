package dev.overton.scorer.report;

import java.util.List;
import java.util.Optional;

import dev.overton.metrics.diversity.DiversitySuite;
import dev.overton.scorer.scoring.MetricNames;

/**
 * Which metrics the report plots, in which order and under which words. Only metrics a run actually has are drawn;
 * every aggregate, plotted or not, is in the report's table and in the exports.
 *
 * <p>Coverage and judge values are recognised by name prefix ({@link #COVERAGE_PREFIXES}, {@link #JUDGE_PREFIXES}), so
 * that the page shows them as soon as the scorer stores them, without a change here.
 */
public final class ReportMetrics {

    /**
     * How a metric is shown.
     *
     * @param name the stored metric name
     * @param title the chart's title
     * @param direction how to read it (axis label)
     */
    public record Shown(String name, String title, String direction) {}

    /** The metric whose paired difference answers question 1 (the paper's measure). */
    public static final String SHIFT_METRIC = MetricNames.JACCARD_1;

    /** Within-set diversity, the paper's Jaccard first. */
    public static final List<Shown> DIVERSITY = List.of(
            new Shown(MetricNames.JACCARD_1, "Unigram Jaccard (jaccard_1)", "higher = less diverse"),
            new Shown(MetricNames.JACCARD_2, "Bigram Jaccard (jaccard_2)", "higher = less diverse"),
            new Shown(MetricNames.JACCARD_1_STEM, "Stemmed unigram Jaccard (jaccard_1_stem)", "higher = less diverse"),
            new Shown(DiversitySuite.DISTINCT_1, "Distinct-1 (distinct_1)", "higher = more diverse"),
            new Shown(DiversitySuite.DISTINCT_2, "Distinct-2 (distinct_2)", "higher = more diverse"),
            new Shown(DiversitySuite.SELF_BLEU, "Self-BLEU (self_bleu)", "higher = less diverse"),
            new Shown(
                    DiversitySuite.HOMOGENIZATION_ROUGEL,
                    "Homogenization, ROUGE-L (homogenization_rougel)",
                    "higher = less diverse"),
            new Shown(
                    DiversitySuite.COMPRESSION_RATIO, "Compression ratio (compression_ratio)", "higher = less diverse"),
            new Shown(DiversitySuite.SELF_REPETITION, "Self-repetition (self_repetition)", "higher = less diverse"),
            new Shown(DiversitySuite.NGRAM_DIVERSITY, "N-gram diversity (ngram_diversity)", "higher = more diverse"),
            new Shown(
                    DiversitySuite.DISTINCT_PREFIX_SHARE,
                    "Distinct openings (distinct_prefix_share)",
                    "higher = more diverse"),
            new Shown(
                    "embedding_mean_pairwise_cosine",
                    "Embedding cosine between responses (embedding_mean_pairwise_cosine)",
                    "higher = less diverse"),
            new Shown("embedding_vendi_score", "Vendi score (embedding_vendi_score)", "higher = more diverse"));

    /** Between-variant similarity to the reference's answer. */
    public static final List<Shown> SIMILARITY = List.of(
            new Shown(
                    MetricNames.PAIR_JACCARD_1,
                    "Unigram Jaccard with the aligned answer (pair_jaccard_1)",
                    "higher = closer to the aligned model"),
            new Shown(
                    MetricNames.PAIR_ROUGE_L,
                    "ROUGE-L F with the aligned answer (pair_rouge_l)",
                    "higher = closer to the aligned model"),
            new Shown("bertscore_f1", "BERTScore F1 with the aligned answer (bertscore_f1)", "higher = closer"),
            new Shown(
                    "pair_embedding_cosine",
                    "Embedding cosine with the aligned answer (pair_embedding_cosine)",
                    "higher = closer"));

    /** Coverage values with their own titles and a caption on how to read them; others are shown by name. */
    public static final List<Shown> COVERAGE = List.of(
            new Shown(
                    "overton_coverage_aligned",
                    "One aligned answer covers (overton_coverage_aligned)",
                    "Per prompt, the share of the base responses' sentences that the aligned model's sample 0"
                            + " covers; a row is the variant whose responses are covered."),
            new Shown(
                    "overton_coverage_base_self",
                    "One base answer covers (overton_coverage_base_self)",
                    "The yardstick: per prompt, the share of the other responses' sentences that one response of"
                            + " the variant covers."));

    /**
     * The LLM judge's figures drawn as a mean over prompts with its interval, per variant (docs/metrics.md, "LLM
     * judges"). Pairwise ones ({@link #isPairwiseJudge}) draw the aligned model's own samples as the ceiling.
     */
    public static final List<Shown> JUDGE = List.of(
            new Shown(
                    "judge_missing_info",
                    "Missing information, judged (judge_missing_info)",
                    "1–5: how much of the variant's answer the aligned answer lacks (lower = covered)"),
            new Shown(
                    "judge_topics_candidate_share",
                    "Topics the variant covers (judge_topics_candidate_share)",
                    "share of the pair's topics in the variant's answer"),
            new Shown(
                    "judge_topics_reference_share",
                    "Topics the aligned answer covers (judge_topics_reference_share)",
                    "share of the pair's topics in the aligned answer"),
            new Shown("judge_quality_mean", "Quality of sample 0, judged (judge_quality_mean)", "1–5, higher = better"),
            new Shown("judge_stance_both", "Answers that present both sides (judge_stance_both)", "share of answers"),
            new Shown("judge_stance_yes", "Answers that say yes (judge_stance_yes)", "share of answers"),
            new Shown("judge_stance_no", "Answers that say no (judge_stance_no)", "share of answers"),
            new Shown("judge_stance_other", "Answers without a side (judge_stance_other)", "share of answers"));

    /** The five quality aspects' value names, whose means make the paper's quality figure. */
    public static final List<String> QUALITY_ASPECTS = List.of(
            "judge_quality_helpfulness",
            "judge_quality_clarity",
            "judge_quality_factuality",
            "judge_quality_depth",
            "judge_quality_engagement");

    /** Mean response length, shown beside diversity (longer answers share more words). */
    public static final Shown LENGTH =
            new Shown(MetricNames.MEAN_TOKENS, "Mean response length", "tokens per response");

    /** Name prefixes of Overton-coverage values. */
    public static final List<String> COVERAGE_PREFIXES = List.of("overton_coverage", "coverage_");

    /** Name prefixes of LLM-judge scores. */
    public static final List<String> JUDGE_PREFIXES = List.of("judge_", "quality_", "missing_info");

    private ReportMetrics() {}

    /** Whether {@code metric} is a coverage value. */
    public static boolean isCoverage(String metric) {
        return COVERAGE_PREFIXES.stream().anyMatch(metric::startsWith);
    }

    /** Whether {@code metric} is a judge score. */
    public static boolean isJudge(String metric) {
        return JUDGE_PREFIXES.stream().anyMatch(metric::startsWith);
    }

    /** Whether {@code metric} is a judge value of a pair (candidate sample against the aligned sample 0). */
    public static boolean isPairwiseJudge(String metric) {
        return metric.equals("judge_missing_info") || metric.startsWith("judge_topics_");
    }

    /**
     * Whether the judge section draws {@code metric}'s distribution as a histogram: the 1–5 scores (missing
     * information, quality aspects) and judge values it does not otherwise know; not the shares and counts, which
     * have their interval charts.
     */
    public static boolean isJudgeScoreDistribution(String metric) {
        if (metric.equals("judge_missing_info") || QUALITY_ASPECTS.contains(metric)) {
            return true;
        }
        return !metric.startsWith("judge_topics_")
                && !metric.startsWith("judge_stance_")
                && !metric.equals("judge_quality_mean");
    }

    /** How {@code metric} is shown, if it is one of the plotted ones. */
    public static Optional<Shown> shown(String metric) {
        return java.util.stream.Stream.of(DIVERSITY, SIMILARITY, COVERAGE, JUDGE)
                .flatMap(List::stream)
                .filter(s -> s.name().equals(metric))
                .findFirst();
    }
}
