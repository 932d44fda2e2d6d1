package dev.overton.semantic.judge;

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
}
