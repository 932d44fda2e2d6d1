package dev.overton.scorer.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.Judgement;
import dev.overton.semantic.judge.JudgeAggregates;
import dev.overton.semantic.judge.JudgeVerdict;
import dev.overton.semantic.judge.MissingInfoVerdict;
import dev.overton.semantic.judge.QualityAspect;
import dev.overton.semantic.judge.QualityVerdict;
import dev.overton.semantic.judge.Stance;
import dev.overton.semantic.judge.StanceVerdict;
import dev.overton.semantic.judge.TopicsVerdict;

/**
 * Turns judge verdicts into score values, so that they flow through the same store, aggregates (mean over prompts with
 * a bootstrap interval, paired differences), REST answers, gauges and exports as every other metric. Plain Java.
 *
 * <ul>
 *   <li>Pairwise verdicts (missing-info, topics) become pair values: the candidate's sample index and the reference
 *       variant, so the aggregates average them over a prompt's samples first, like {@code pair_jaccard_1}.
 *   <li>A quality verdict (always of sample 0) becomes whole-set values of its variant: {@code judge_quality_mean} and
 *       one per aspect; their settings say {@code sample=0}.
 *   <li>Stance verdicts become whole-set shares once every sample of the set has a final verdict.
 * </ul>
 *
 * A value that cannot be had is stored as {@code null} with the reason (a failed verdict, an N/A aspect, a topics
 * verdict without topics), never dropped and never a sentinel.
 */
public final class JudgeValues {

    /** Longest reason stored with an undefined value; the full error is in the verdict row. */
    static final int MAX_REASON = 300;

    private JudgeValues() {}

    /**
     * The settings string of every value derived from one judge: {@code judge(model=<backend>:<model>;prompt=
     * <judgement>@<version>[;ref=sample0|;sample=0])}.
     */
    public static String settings(Judgement judgement, String model, String promptLabel) {
        String scope = switch (judgement) {
            case MISSING_INFO, TOPICS -> ";ref=sample0";
            case QUALITY -> ";sample=0;na=excluded";
            case STANCE -> ";per=set;share-of=parsed-verdicts";
        };
        return "judge(model=" + model + ";prompt=" + promptLabel + scope + ")";
    }

    /** The values of one parsed verdict (none for a stance verdict: see {@link #stanceShares}). */
    public static List<ScoreValue> of(JudgeTarget target, JudgeVerdict verdict, String settings) {
        Integer sample = target.judgement().pairwise() ? target.sample() : null;
        String reference = target.reference();
        List<ScoreValue> values = new ArrayList<>();
        switch (verdict) {
            case MissingInfoVerdict m ->
                values.add(new ScoreValue(
                        JudgeMetricNames.MISSING_INFO, sample, reference, (double) m.score(), null, settings));
            case TopicsVerdict t -> {
                JudgeAggregates.TopicCoverage c = JudgeAggregates.topicCoverage(t);
                String none = "the judge listed no topics";
                values.add(new ScoreValue(
                        JudgeMetricNames.TOPICS_COUNT, sample, reference, (double) c.topics(), null, settings));
                values.add(value(
                        JudgeMetricNames.TOPICS_CANDIDATE_SHARE,
                        sample,
                        reference,
                        c.candidateShare(),
                        none,
                        settings));
                values.add(value(
                        JudgeMetricNames.TOPICS_REFERENCE_SHARE,
                        sample,
                        reference,
                        c.referenceShare(),
                        none,
                        settings));
                values.add(value(
                        JudgeMetricNames.TOPICS_SHARED_SHARE, sample, reference, c.sharedShare(), none, settings));
                values.add(value(
                        JudgeMetricNames.TOPICS_CANDIDATE_ONLY_HELPFULNESS,
                        sample,
                        reference,
                        c.candidateOnlyHelpfulness(),
                        c.topics() == 0 ? none : "no topic is covered by the candidate only",
                        settings));
                values.add(value(
                        JudgeMetricNames.TOPICS_REFERENCE_ONLY_HELPFULNESS,
                        sample,
                        reference,
                        c.referenceOnlyHelpfulness(),
                        c.topics() == 0 ? none : "no topic is covered by the reference only",
                        settings));
            }
            case QualityVerdict q -> {
                values.add(value(
                        JudgeMetricNames.QUALITY_MEAN,
                        null,
                        null,
                        JudgeAggregates.responseQuality(q),
                        "the judge rated every aspect N/A",
                        settings));
                for (Map.Entry<QualityAspect, String> e :
                        JudgeMetricNames.qualityAspects().entrySet()) {
                    OptionalInt score = q.scores().get(e.getKey());
                    values.add(value(
                            e.getValue(),
                            null,
                            null,
                            score.isPresent() ? score.getAsInt() : Double.NaN,
                            "the judge rated " + e.getKey().json() + " N/A",
                            settings));
                }
            }
            case StanceVerdict s -> {
                // per set, once the set is complete: stanceShares
            }
        }
        return values;
    }

    /**
     * The values of a judgment that has no verdict (the model call failed, the repaired answer was still invalid, a
     * released line does not parse): every value the verdict would have given, undefined, with the reason.
     */
    public static List<ScoreValue> undefined(JudgeTarget target, String reason, String settings) {
        String why = truncate("no verdict: " + reason);
        Integer sample = target.judgement().pairwise() ? target.sample() : null;
        String reference = target.reference();
        List<String> names = switch (target.judgement()) {
            case MISSING_INFO -> List.of(JudgeMetricNames.MISSING_INFO);
            case TOPICS ->
                List.of(
                        JudgeMetricNames.TOPICS_COUNT,
                        JudgeMetricNames.TOPICS_CANDIDATE_SHARE,
                        JudgeMetricNames.TOPICS_REFERENCE_SHARE,
                        JudgeMetricNames.TOPICS_SHARED_SHARE,
                        JudgeMetricNames.TOPICS_CANDIDATE_ONLY_HELPFULNESS,
                        JudgeMetricNames.TOPICS_REFERENCE_ONLY_HELPFULNESS);
            case QUALITY -> {
                List<String> q = new ArrayList<>();
                q.add(JudgeMetricNames.QUALITY_MEAN);
                q.addAll(JudgeMetricNames.qualityAspects().values());
                yield q;
            }
            case STANCE -> List.of();
        };
        return names.stream()
                .map(n -> new ScoreValue(n, sample, reference, null, why, settings))
                .toList();
    }

    /**
     * The stance shares of one set: for each label the share of the set's parsed stance verdicts that carry it. Failed
     * verdicts are left out of the shares (the settings count them); all undefined when none parsed.
     *
     * @param parsed the set's parsed stance verdicts
     * @param failed how many of the set's samples have a failed verdict
     * @param settings the judge's settings
     */
    public static List<ScoreValue> stanceShares(List<StanceVerdict> parsed, int failed, String settings) {
        Map<Stance, Double> shares = JudgeAggregates.stanceShares(parsed);
        String withCounts = failed == 0
                ? settings
                : settings.substring(0, settings.length() - 1) + ";failed=" + failed + "/" + (failed + parsed.size())
                        + ")";
        List<ScoreValue> values = new ArrayList<>();
        for (Stance s : Stance.values()) {
            values.add(value(
                    JudgeMetricNames.stance(s),
                    null,
                    null,
                    shares.get(s),
                    "no stance verdict of the set could be used (" + failed + " failed)",
                    withCounts));
        }
        return values;
    }

    private static ScoreValue value(
            String metric, Integer sample, String reference, double value, String reasonIfUndefined, String settings) {
        return Double.isFinite(value)
                ? new ScoreValue(metric, sample, reference, value, null, settings)
                : new ScoreValue(metric, sample, reference, null, reasonIfUndefined, settings);
    }

    static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
