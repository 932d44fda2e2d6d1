package dev.overton.semantic.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Aggregates of replayed (or live) judge verdicts, as the paper reports them.
 *
 * <p>Verdict files hold one line per (prompt, sample) pair, samples inner: line {@code k} is prompt
 * {@code k / samplesPerPrompt}, sample {@code k % samplesPerPrompt}. Some released quality files judged only sample 0
 * (one line per prompt), hence {@code samplesPerPrompt}.
 */
public final class JudgeAggregates {

    private JudgeAggregates() {}

    /**
     * Quality on sample 0 of every prompt.
     *
     * @param aspectMeans per aspect, the mean score over the judged responses that were not N/A for it
     * @param mean the mean of the five aspect means: the paper's single quality figure
     * @param responses responses judged (prompts)
     * @param notApplicable aspect ratings that were N/A, left out of the means
     */
    public record QualitySummary(
            Map<QualityAspect, Double> aspectMeans, double mean, int responses, int notApplicable) {}

    /** Missing information: mean score over all judged pairs, and how many there were. */
    public record MissingInfoSummary(double mean, int judgments) {}

    /** How many samples per prompt a file holds: its line count divided by the number of prompts, exactly. */
    public static int samplesPerPrompt(int lines, int prompts) {
        if (prompts < 1 || lines % prompts != 0) {
            throw new IllegalArgumentException(
                    lines + " verdicts do not divide into " + prompts + " prompts: wrong file or prompt count");
        }
        return lines / prompts;
    }

    /** Quality of sample 0 of every prompt (N/A ratings left out per aspect). */
    public static QualitySummary qualityOnFirstSample(List<QualityVerdict> verdicts, int samplesPerPrompt) {
        if (samplesPerPrompt < 1 || verdicts.size() % samplesPerPrompt != 0) {
            throw new IllegalArgumentException(
                    verdicts.size() + " verdicts do not divide into groups of " + samplesPerPrompt);
        }
        Map<QualityAspect, double[]> sums = new EnumMap<>(QualityAspect.class);
        int notApplicable = 0;
        int responses = 0;
        for (int k = 0; k < verdicts.size(); k += samplesPerPrompt) {
            responses++;
            for (var e : verdicts.get(k).scores().entrySet()) {
                OptionalInt s = e.getValue();
                if (s.isEmpty()) {
                    notApplicable++;
                    continue;
                }
                double[] acc = sums.computeIfAbsent(e.getKey(), a -> new double[2]);
                acc[0] += s.getAsInt();
                acc[1]++;
            }
        }
        Map<QualityAspect, Double> means = new EnumMap<>(QualityAspect.class);
        double total = 0;
        for (QualityAspect a : QualityAspect.values()) {
            double[] acc = sums.get(a);
            double m = acc == null ? Double.NaN : acc[0] / acc[1];
            means.put(a, m);
            total += m;
        }
        return new QualitySummary(Map.copyOf(means), total / QualityAspect.values().length, responses, notApplicable);
    }

    /** Mean missing-information score over all verdicts; NaN for none. */
    public static MissingInfoSummary missingInformation(List<MissingInfoVerdict> verdicts) {
        double sum = 0;
        for (MissingInfoVerdict v : verdicts) {
            sum += v.score();
        }
        return new MissingInfoSummary(verdicts.isEmpty() ? Double.NaN : sum / verdicts.size(), verdicts.size());
    }

    /**
     * The mean of one response's quality aspects, N/A ratings left out; NaN when every aspect is N/A. Note that the
     * paper's quality figure is the mean of the per-aspect means over responses ({@link #qualityOnFirstSample}), which
     * differs from the mean over responses of this value whenever some ratings are N/A.
     */
    public static double responseQuality(QualityVerdict verdict) {
        double sum = 0;
        int n = 0;
        for (OptionalInt s : verdict.scores().values()) {
            if (s.isPresent()) {
                sum += s.getAsInt();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * What one topics verdict says about a pair. Shares are over all listed topics; every share and mean is NaN when
     * the judge listed no topics, and each only-side helpfulness is NaN when no topic is on that side only.
     *
     * @param topics topics listed
     * @param referenceOnly topics only response A (the reference) covers
     * @param candidateOnly topics only response B (the candidate) covers
     * @param both topics both cover
     * @param candidateShare (B + both) / all: the share of the pair's topics the candidate covers
     * @param referenceShare (A + both) / all: the share the reference covers
     * @param sharedShare both / all
     * @param referenceOnlyHelpfulness mean helpfulness of the reference-only topics
     * @param candidateOnlyHelpfulness mean helpfulness of the candidate-only topics
     */
    public record TopicCoverage(
            int topics,
            int referenceOnly,
            int candidateOnly,
            int both,
            double candidateShare,
            double referenceShare,
            double sharedShare,
            double referenceOnlyHelpfulness,
            double candidateOnlyHelpfulness) {}

    /** Counts, shares and helpfulness means of one topics verdict. */
    public static TopicCoverage topicCoverage(TopicsVerdict verdict) {
        int a = 0;
        int b = 0;
        int both = 0;
        double helpA = 0;
        double helpB = 0;
        for (TopicsVerdict.Topic t : verdict.topics()) {
            switch (t.side()) {
                case A -> {
                    a++;
                    helpA += t.helpfulness();
                }
                case B -> {
                    b++;
                    helpB += t.helpfulness();
                }
                case BOTH -> both++;
            }
        }
        int n = a + b + both;
        return new TopicCoverage(
                n,
                a,
                b,
                both,
                n == 0 ? Double.NaN : (double) (b + both) / n,
                n == 0 ? Double.NaN : (double) (a + both) / n,
                n == 0 ? Double.NaN : (double) both / n,
                a == 0 ? Double.NaN : helpA / a,
                b == 0 ? Double.NaN : helpB / b);
    }

    /**
     * Topic coverage of a verdict file over prompts: per prompt the mean over its parsed verdicts, then the mean over
     * the prompts that have one (the scorer's aggregation: mean over samples within a prompt, then over prompts).
     *
     * @param candidateShare mean share of topics the candidate (B) covers
     * @param referenceShare mean share of topics the reference (A) covers
     * @param sharedShare mean share of topics both cover
     * @param topics mean number of topics per verdict
     * @param judgments parsed verdicts with at least one topic
     * @param failed verdicts that failed (null entries) or listed no topics
     * @param prompts prompts with at least one parsed verdict
     */
    public record TopicsSummary(
            double candidateShare,
            double referenceShare,
            double sharedShare,
            double topics,
            int judgments,
            int failed,
            int prompts) {}

    /**
     * Summarises topics verdicts in file order (line k = prompt k / samplesPerPrompt); a {@code null} entry is a
     * failed verdict, counted and left out.
     */
    public static TopicsSummary topicsOverPrompts(List<TopicsVerdict> verdicts, int samplesPerPrompt) {
        if (samplesPerPrompt < 1 || verdicts.size() % samplesPerPrompt != 0) {
            throw new IllegalArgumentException(
                    verdicts.size() + " verdicts do not divide into groups of " + samplesPerPrompt);
        }
        List<double[]> perPrompt = new ArrayList<>();
        int judgments = 0;
        int failed = 0;
        for (int start = 0; start < verdicts.size(); start += samplesPerPrompt) {
            double[] acc = new double[5];
            for (int k = start; k < start + samplesPerPrompt; k++) {
                TopicsVerdict v = verdicts.get(k);
                TopicCoverage c = v == null ? null : topicCoverage(v);
                if (c == null || c.topics() == 0) {
                    failed++;
                    continue;
                }
                judgments++;
                acc[0] += c.candidateShare();
                acc[1] += c.referenceShare();
                acc[2] += c.sharedShare();
                acc[3] += c.topics();
                acc[4]++;
            }
            if (acc[4] > 0) {
                perPrompt.add(new double[] {acc[0] / acc[4], acc[1] / acc[4], acc[2] / acc[4], acc[3] / acc[4]});
            }
        }
        double[] mean = new double[4];
        for (double[] p : perPrompt) {
            for (int i = 0; i < 4; i++) {
                mean[i] += p[i] / perPrompt.size();
            }
        }
        if (perPrompt.isEmpty()) {
            java.util.Arrays.fill(mean, Double.NaN);
        }
        return new TopicsSummary(mean[0], mean[1], mean[2], mean[3], judgments, failed, perPrompt.size());
    }

    /**
     * The share of each stance among {@code verdicts} (every label present, 0 when unused); all NaN for no verdicts.
     */
    public static Map<Stance, Double> stanceShares(List<StanceVerdict> verdicts) {
        int[] counts = new int[Stance.values().length];
        for (StanceVerdict v : verdicts) {
            counts[v.stance().ordinal()]++;
        }
        Map<Stance, Double> shares = new EnumMap<>(Stance.class);
        for (Stance s : Stance.values()) {
            shares.put(s, verdicts.isEmpty() ? Double.NaN : (double) counts[s.ordinal()] / verdicts.size());
        }
        return shares;
    }
}
