package dev.overton.scorer.report.rest;

import java.util.List;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.report.ReportData;
import dev.overton.scorer.report.Verdicts;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * The body of {@code GET /runs/{id}/report/verdicts}: the report's two verdicts for command-line clients, as the page
 * states them ({@link Verdicts}). A record, so that {@code /q/openapi} documents its schema.
 *
 * @param runId the run
 * @param reference the aligned reference, or {@code null} when none of its sets arrived yet
 * @param shift one distributional-shift verdict per non-reference variant
 * @param recovery the latest recovery verdict, or {@code null} until icl-service's first report arrives
 */
public record VerdictsResponse(String runId, String reference, List<ShiftItem> shift, RecoveryVerdicts recovery) {

    /**
     * One variant's shift verdict.
     *
     * @param variant the variant
     * @param reference the aligned reference
     * @param metric the metric compared ({@code jaccard_1})
     * @param difference mean over prompts of variant − reference, or {@code null} when undefined
     * @param ciLow the 95% interval's lower bound, or {@code null}
     * @param ciHigh the 95% interval's upper bound, or {@code null}
     * @param n prompts both have
     * @param outcome the verdict
     * @param headline the verdict in one sentence
     * @param detail the numbers behind it
     */
    public record ShiftItem(
            String variant,
            String reference,
            String metric,
            Double difference,
            Double ciLow,
            Double ciHigh,
            int n,
            Verdicts.Shift outcome,
            String headline,
            String detail) {}

    /**
     * icl-service's latest recovery verdict.
     *
     * @param reference the reference the variants should recover
     * @param computedAt when icl-service computed it (ISO instant), or {@code null}
     * @param variants one verdict per variant
     */
    public record RecoveryVerdicts(String reference, String computedAt, List<RecoveryItem> variants) {}

    /**
     * One variant's recovery verdict.
     *
     * @param variant the variant
     * @param outcome the verdict over its measures
     * @param headline the verdict in one sentence
     * @param measures its per-measure recoveries, as icl-service reported them
     */
    public record RecoveryItem(
            String variant, Verdicts.Recovery outcome, String headline, List<RecoveryReport.Recovery> measures) {}

    /** The verdicts of a run from its variants, aggregates and latest recovery report ({@code null} when none). */
    public static VerdictsResponse of(
            String runId,
            List<ReportData.VariantSummary> variants,
            RunAggregator.RunAggregate aggregate,
            RecoveryReport report) {
        String reference = variants.stream()
                .filter(ReportData.VariantSummary::reference)
                .map(ReportData.VariantSummary::name)
                .findFirst()
                .orElse(null);
        List<String> names =
                variants.stream().map(ReportData.VariantSummary::name).toList();
        List<ShiftItem> shift = Verdicts.shift(aggregate, reference, names).stream()
                .map(v -> new ShiftItem(
                        v.variant(),
                        v.reference(),
                        v.metric(),
                        finite(v.difference()),
                        finite(v.low()),
                        finite(v.high()),
                        v.n(),
                        v.outcome(),
                        v.headline(),
                        v.detail()))
                .toList();
        RecoveryVerdicts recovery = report == null
                ? null
                : new RecoveryVerdicts(
                        report.reference(),
                        report.computedAt() == null ? null : report.computedAt().toString(),
                        Verdicts.recovery(report).stream()
                                .map(v -> new RecoveryItem(v.variant(), v.outcome(), v.headline(), v.measures()))
                                .toList());
        return new VerdictsResponse(runId, reference, shift, recovery);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
