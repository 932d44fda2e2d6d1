package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * The report's two answers, in words, from numbers computed elsewhere: the distributional-shift verdict from the
 * paired Jaccard difference of {@link RunAggregator} (variant minus reference, 95% bootstrap interval over prompts), and
 * the recovery verdict from icl-service's {@link RecoveryReport}. Nothing is recomputed here; this class only reads
 * intervals and says which side of the line they fall on.
 */
public final class Verdicts {

    private Verdicts() {}

    /** What the Jaccard difference says. */
    public enum Shift {
        /** The interval lies below 0: the variant's responses share fewer words, it is more diverse. */
        MORE_DIVERSE,
        /** The interval lies above 0. */
        LESS_DIVERSE,
        /** The interval contains 0. */
        NO_CLEAR_DIFFERENCE,
        /** No interval (fewer than two prompts with values for both). */
        UNDEFINED
    }

    /**
     * The shift verdict of one variant against the reference.
     *
     * @param variant the variant
     * @param reference the reference (aligned) variant
     * @param metric the metric compared ({@link ReportMetrics#SHIFT_METRIC})
     * @param difference mean over prompts of variant minus reference; NaN when undefined
     * @param low the interval's lower bound; NaN when undefined
     * @param high the interval's upper bound; NaN when undefined
     * @param n prompts both have
     * @param outcome the verdict
     */
    public record ShiftVerdict(
            String variant,
            String reference,
            String metric,
            double difference,
            double low,
            double high,
            int n,
            Shift outcome) {

        /** The verdict in one sentence. */
        public String headline() {
            return switch (outcome) {
                case MORE_DIVERSE -> variant + " is more diverse than " + reference;
                case LESS_DIVERSE -> variant + " is less diverse than " + reference;
                case NO_CLEAR_DIFFERENCE -> "no clear difference in diversity between " + variant + " and " + reference;
                case UNDEFINED -> "not enough prompts to compare " + variant + " with " + reference;
            };
        }

        /** The numbers behind it. */
        public String detail() {
            if (!Double.isFinite(difference)) {
                return metric + ": no prompt has values for both";
            }
            String interval = Double.isFinite(low) && Double.isFinite(high)
                    ? " [" + Numbers.format(low) + ", " + Numbers.format(high) + "], 95% CI over " + n + " prompts"
                    : " (one prompt: no interval)";
            return metric + " " + variant + " − " + reference + " = " + Numbers.format(difference) + interval
                    + "; lower Jaccard = more diverse";
        }
    }

    /** The shift verdict of every non-reference variant, in {@code order}. */
    public static List<ShiftVerdict> shift(RunAggregator.RunAggregate aggregate, String reference, List<String> order) {
        Map<String, RunAggregator.Difference> byVariant = new LinkedHashMap<>();
        for (RunAggregator.Difference d : aggregate.differences()) {
            if (d.metric().equals(ReportMetrics.SHIFT_METRIC)) {
                byVariant.put(d.variant(), d);
            }
        }
        List<ShiftVerdict> verdicts = new ArrayList<>();
        if (reference == null) {
            return verdicts;
        }
        for (String variant : order) {
            if (variant.equals(reference)) {
                continue;
            }
            RunAggregator.Difference d = byVariant.get(variant);
            if (d == null) {
                verdicts.add(new ShiftVerdict(
                        variant,
                        reference,
                        ReportMetrics.SHIFT_METRIC,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        0,
                        Shift.UNDEFINED));
                continue;
            }
            double low = d.estimate().low();
            double high = d.estimate().high();
            Shift outcome;
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                outcome = Shift.UNDEFINED;
            } else if (high < 0) {
                outcome = Shift.MORE_DIVERSE;
            } else if (low > 0) {
                outcome = Shift.LESS_DIVERSE;
            } else {
                outcome = Shift.NO_CLEAR_DIFFERENCE;
            }
            verdicts.add(new ShiftVerdict(
                    variant,
                    reference,
                    d.metric(),
                    d.estimate().mean(),
                    low,
                    high,
                    d.estimate().n(),
                    outcome));
        }
        return verdicts;
    }

    /** What the recovery intervals of one variant say, over its measures. */
    public enum Recovery {
        /** Every measure with an interval reaches 1. */
        RECOVERS,
        /** Some measures reach 1, others do not. */
        PARTLY,
        /** No measure reaches 1. */
        DOES_NOT_RECOVER,
        /** No measure has an interval. */
        UNDEFINED
    }

    /**
     * The recovery verdict of one variant.
     *
     * @param variant the variant
     * @param reference the reference it should recover
     * @param measures its per-measure recoveries, as icl-service reported them
     * @param outcome the verdict over the measures
     */
    public record RecoveryVerdict(
            String variant, String reference, List<RecoveryReport.Recovery> measures, Recovery outcome) {

        /** The verdict in one sentence. */
        public String headline() {
            long defined = defined();
            long recovering =
                    measures.stream().filter(RecoveryReport.Recovery::recovers).count();
            return switch (outcome) {
                case RECOVERS ->
                    variant + " recovers " + reference + (defined > 1 ? " on all " + defined + " measures" : "");
                case PARTLY ->
                    variant + " recovers " + reference + " on " + recovering + " of " + defined + " measures";
                case DOES_NOT_RECOVER -> variant + " does not recover " + reference;
                case UNDEFINED -> "recovery of " + reference + " by " + variant + " is undefined";
            };
        }

        private long defined() {
            return measures.stream().filter(r -> r.ciHigh() != null).count();
        }
    }

    /** The recovery verdict per variant of {@code report}, variants in report order. */
    public static List<RecoveryVerdict> recovery(RecoveryReport report) {
        Map<String, List<RecoveryReport.Recovery>> byVariant = new LinkedHashMap<>();
        for (RecoveryReport.Recovery r : report.recoveries()) {
            byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r);
        }
        List<RecoveryVerdict> verdicts = new ArrayList<>();
        byVariant.forEach((variant, measures) -> {
            long defined = measures.stream().filter(r -> r.ciHigh() != null).count();
            long recovering =
                    measures.stream().filter(RecoveryReport.Recovery::recovers).count();
            Recovery outcome;
            if (defined == 0) {
                outcome = Recovery.UNDEFINED;
            } else if (recovering == defined) {
                outcome = Recovery.RECOVERS;
            } else if (recovering == 0) {
                outcome = Recovery.DOES_NOT_RECOVER;
            } else {
                outcome = Recovery.PARTLY;
            }
            verdicts.add(new RecoveryVerdict(variant, report.reference(), List.copyOf(measures), outcome));
        });
        return verdicts;
    }
}
