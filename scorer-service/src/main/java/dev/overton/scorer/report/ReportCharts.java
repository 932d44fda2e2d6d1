package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.overton.contracts.RecoveryReport;
import dev.overton.metrics.stats.BootstrapInterval.Estimate;
import dev.overton.scorer.report.ReportView.Figure;
import dev.overton.scorer.report.svg.BoxPlotChart;
import dev.overton.scorer.report.svg.HistogramChart;
import dev.overton.scorer.report.svg.IntervalChart;

/**
 * Draws the report's charts, section by section, as {@link Figure}s for the page template: which rows, lines and bands
 * each chart has is decided here, how a chart looks in {@code svg/}. An empty list means the section has nothing to
 * draw; the template then says what is not computed.
 */
final class ReportCharts {

    private final ReportIndex index;
    private final ReportData data;

    ReportCharts(ReportIndex index) {
        this.index = index;
        this.data = index.data();
    }

    /** Question 1's chart: the paired Jaccard difference of each non-reference variant, with the zero line. */
    Figure shift(List<Verdicts.ShiftVerdict> shift) {
        IntervalChart chart = new IntervalChart(
                ReportMetrics.SHIFT_METRIC,
                "Jaccard difference to " + data.reference(),
                "variant − aligned, per prompt (below 0 = more diverse)");
        chart.includeZero().line(0, null, "zero");
        for (Verdicts.ShiftVerdict v : shift) {
            chart.row(new IntervalChart.Row(
                    v.variant(),
                    v.variant(),
                    v.difference(),
                    v.low(),
                    v.high(),
                    index.colour(v.variant()),
                    v.outcome() == Verdicts.Shift.UNDEFINED ? "no paired values" : null));
        }
        return new Figure("shift", "shift-" + ReportMetrics.SHIFT_METRIC, chart.render());
    }

    /** One chart per diversity metric the run has: a row per variant. */
    List<Figure> diversity() {
        List<Figure> figures = new ArrayList<>();
        for (ReportMetrics.Shown s : ReportMetrics.DIVERSITY) {
            if (!index.has(s.name())) {
                continue;
            }
            IntervalChart chart = new IntervalChart(s.name(), s.title(), s.direction());
            for (String variant : data.variantNames()) {
                chart.row(row(variant, index.estimate(s.name(), variant), "no defined values"));
            }
            figures.add(new Figure("diversity", "diversity-" + s.name(), chart.render()));
        }
        return figures;
    }

    /**
     * One chart per pair metric: a row per non-reference variant, the aligned model against itself as the ceiling;
     * {@code null} when the run has no pair values or no reference.
     */
    List<Figure> similarity() {
        List<String> pairMetrics = ReportMetrics.SIMILARITY.stream()
                .map(ReportMetrics.Shown::name)
                .filter(index::has)
                .toList();
        if (pairMetrics.isEmpty() || data.reference() == null) {
            return null;
        }
        List<Figure> figures = new ArrayList<>();
        for (String metric : pairMetrics) {
            ReportMetrics.Shown s = ReportMetrics.shown(metric).orElseThrow();
            IntervalChart chart = new IntervalChart(metric, s.title(), s.direction());
            Estimate ceiling = index.estimate(metric, data.reference());
            String caption = null;
            if (ceiling != null) {
                chart.band(ceiling.low(), ceiling.high(), "ceiling");
                chart.line(ceiling.mean(), "aligned vs aligned (ceiling) " + Numbers.format(ceiling.mean()), "ceiling");
            } else {
                caption = "No ceiling: the aligned model has fewer than two responses per prompt.";
            }
            for (String variant : data.variantNames()) {
                if (!variant.equals(data.reference())) {
                    chart.row(row(variant, index.estimate(metric, variant), "no pair values"));
                }
            }
            if (chart.size() > 0) {
                figures.add(new Figure("similarity", "similarity-" + metric, chart.render(), caption));
            }
        }
        return figures;
    }

    /** One chart per measure of icl-service's recovery verdict, with the parity line at 1. */
    List<Figure> recovery() {
        RecoveryReport report = data.recovery();
        if (report == null) {
            return List.of();
        }
        Map<String, List<RecoveryReport.Recovery>> byMeasure = new TreeMap<>();
        for (RecoveryReport.Recovery r : report.recoveries()) {
            byMeasure.computeIfAbsent(r.measure(), m -> new ArrayList<>()).add(r);
        }
        List<Figure> figures = new ArrayList<>();
        byMeasure.forEach((measure, list) -> {
            IntervalChart chart = new IntervalChart(
                    measure, "Recovery on " + measure, "sim(variant, aligned) ÷ sim(aligned, aligned)");
            chart.line(1, "1 = aligned vs aligned", "parity");
            for (RecoveryReport.Recovery r : list) {
                chart.row(new IntervalChart.Row(
                        r.variant(),
                        r.variant() + (r.recovers() ? " ✓" : ""),
                        orNaN(r.recovery()),
                        orNaN(r.ciLow()),
                        orNaN(r.ciHigh()),
                        index.colour(r.variant()),
                        r.reason()));
            }
            figures.add(new Figure("recovery", "recovery-" + measure, chart.render()));
        });
        return figures;
    }

    /** Box plots over prompts of each coverage metric, a box per variant. */
    List<Figure> coverage() {
        List<Figure> figures = new ArrayList<>();
        index.distributions(true).forEach((metric, byVariant) -> {
            ReportMetrics.Shown shown = ReportMetrics.shown(metric).orElse(null);
            BoxPlotChart chart = new BoxPlotChart(metric, shown == null ? metric : shown.title(), "share covered (0–1)")
                    .domain(0, 1);
            byVariant.forEach((variant, list) -> chart.series(variant, toArray(list), index.colour(variant)));
            figures.add(new Figure(
                    "coverage", "coverage-" + metric, chart.render(), shown == null ? null : shown.direction()));
        });
        return figures;
    }

    /** The judge's mean-with-interval charts, one per judge figure the run has. */
    List<Figure> judgeIntervals(List<String> variants) {
        List<Figure> figures = new ArrayList<>();
        for (ReportMetrics.Shown s : ReportMetrics.JUDGE) {
            if (index.has(s.name())) {
                Figure figure = judgeFigure(s, variants);
                if (figure != null) {
                    figures.add(figure);
                }
            }
        }
        return figures;
    }

    /** Histograms of the judge's scores (not of its shares), a series per variant. */
    List<Figure> judgeHistograms() {
        Map<String, Map<String, List<Double>>> values = index.distributions(false);
        values.keySet().removeIf(m -> !ReportMetrics.isJudgeScoreDistribution(m));
        List<Figure> figures = new ArrayList<>();
        values.forEach((metric, byVariant) -> {
            HistogramChart chart = new HistogramChart(metric, metric, "score");
            byVariant.forEach((variant, list) -> chart.series(variant, toArray(list), index.colour(variant)));
            figures.add(new Figure("judge", "judge-" + metric + "-distribution", chart.render()));
        });
        return figures;
    }

    /** One judge figure: a row per variant; for a pair judgement the reference is the ceiling, not a row. */
    private Figure judgeFigure(ReportMetrics.Shown s, List<String> variants) {
        boolean pairwise = ReportMetrics.isPairwiseJudge(s.name());
        IntervalChart chart = new IntervalChart(s.name(), s.title(), s.direction());
        Estimate ceiling = pairwise && data.reference() != null ? index.estimate(s.name(), data.reference()) : null;
        if (ceiling != null) {
            chart.band(ceiling.low(), ceiling.high(), "ceiling");
            chart.line(ceiling.mean(), "aligned vs aligned (ceiling) " + Numbers.format(ceiling.mean()), "ceiling");
        }
        for (String variant : variants) {
            if (pairwise && variant.equals(data.reference())) {
                continue;
            }
            Estimate e = index.estimate(s.name(), variant);
            if (e != null) {
                chart.row(row(variant, e, null));
            }
        }
        return chart.size() > 0 ? new Figure("judge", "judge-" + s.name(), chart.render()) : null;
    }

    /** The run's variants in display order, then any variant that has judge values but no sets, by name. */
    List<String> judgeVariants() {
        List<String> variants = new ArrayList<>(data.variantNames());
        TreeSet<String> extra = new TreeSet<>();
        for (ReportMetrics.Shown s : ReportMetrics.JUDGE) {
            extra.addAll(index.variantsWith(s.name()));
        }
        for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
            extra.addAll(index.variantsWith(aspect));
        }
        extra.removeAll(variants);
        variants.addAll(extra);
        return variants;
    }

    /** Box plots over prompts of the mean response length, a box per variant; {@code null} without lengths. */
    Figure lengths() {
        Map<String, Map<String, Double>> byVariant = index.perPrompt(ReportMetrics.LENGTH.name());
        if (byVariant.isEmpty()) {
            return null;
        }
        BoxPlotChart chart = new BoxPlotChart(
                ReportMetrics.LENGTH.name(), ReportMetrics.LENGTH.title(), ReportMetrics.LENGTH.direction());
        for (String variant : data.variantNames()) {
            Map<String, Double> values = byVariant.getOrDefault(variant, Map.of());
            chart.series(
                    variant,
                    values.values().stream().mapToDouble(Double::doubleValue).toArray(),
                    index.colour(variant));
        }
        return new Figure("lengths", "lengths-" + ReportMetrics.LENGTH.name(), chart.render());
    }

    private IntervalChart.Row row(String variant, Estimate e, String undefinedNote) {
        return new IntervalChart.Row(
                variant,
                variant,
                e == null ? Double.NaN : e.mean(),
                e == null ? Double.NaN : e.low(),
                e == null ? Double.NaN : e.high(),
                index.colour(variant),
                e == null ? undefinedNote : null);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
