package dev.overton.scorer.judge;

import java.util.Map;

import dev.overton.semantic.judge.QualityAspect;
import dev.overton.semantic.judge.Stance;

/**
 * The names of the values derived from judge verdicts, stored beside the other metrics (each documented in {@code
 * docs/metrics.md}, section "LLM judges").
 */
public final class JudgeMetricNames {

    /** Missing information, 1–5, per pair (candidate sample against the reference's sample 0). */
    public static final String MISSING_INFO = "judge_missing_info";

    /** Topics the judge listed for a pair. */
    public static final String TOPICS_COUNT = "judge_topics_count";

    /** Share of a pair's topics that the candidate covers (B or both). */
    public static final String TOPICS_CANDIDATE_SHARE = "judge_topics_candidate_share";

    /** Share of a pair's topics that the reference covers (A or both). */
    public static final String TOPICS_REFERENCE_SHARE = "judge_topics_reference_share";

    /** Share of a pair's topics that both cover. */
    public static final String TOPICS_SHARED_SHARE = "judge_topics_shared_share";

    /** Mean helpfulness of the topics only the candidate covers. */
    public static final String TOPICS_CANDIDATE_ONLY_HELPFULNESS = "judge_topics_candidate_only_helpfulness";

    /** Mean helpfulness of the topics only the reference covers. */
    public static final String TOPICS_REFERENCE_ONLY_HELPFULNESS = "judge_topics_reference_only_helpfulness";

    /** Quality of sample 0: mean of its aspects, N/A left out. */
    public static final String QUALITY_MEAN = "judge_quality_mean";

    /** Prefix of the per-aspect quality values ({@code judge_quality_helpfulness}, ...). */
    public static final String QUALITY_PREFIX = "judge_quality_";

    /** Prefix of the per-set stance shares ({@code judge_stance_yes}, ...). */
    public static final String STANCE_PREFIX = "judge_stance_";

    private JudgeMetricNames() {}

    /** The value name of one quality aspect. */
    public static String quality(QualityAspect aspect) {
        return QUALITY_PREFIX + aspect.json();
    }

    /** The value name of one stance's share. */
    public static String stance(Stance stance) {
        return STANCE_PREFIX + stance.json();
    }

    /** Every quality aspect's value name, in the aspects' order. */
    public static Map<QualityAspect, String> qualityAspects() {
        Map<QualityAspect, String> names = new java.util.EnumMap<>(QualityAspect.class);
        for (QualityAspect a : QualityAspect.values()) {
            names.put(a, quality(a));
        }
        return names;
    }
}
