package dev.overton.scorer.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.overton.contracts.RecoveryReport;
import dev.overton.metrics.stats.BootstrapInterval.Estimate;
import dev.overton.scorer.catalog.RunTitle;
import dev.overton.scorer.report.ReportView.Cell;
import dev.overton.scorer.report.ReportView.Detail;
import dev.overton.scorer.report.ReportView.Row;
import dev.overton.scorer.report.ReportView.Table;

/**
 * A run's report as one self-contained HTML page: the two questions of the method and their verdicts first, then the
 * plots behind them (inline SVG), then every aggregate in a table and the list of prompts, each linked to its samples.
 * No script, no external resource: the page can be saved, mailed and opened anywhere.
 *
 * <p>This class turns {@link ReportData} (which the REST resource reads from the database and tests build by hand)
 * into a {@link ReportView}: verdicts in words, numbers formatted, charts drawn by {@link ReportCharts}. The markup is
 * the Qute template {@code templates/report/page.html} ({@link ReportTemplates#page}), which escapes every piece of
 * stored text (variant names, prompt ids, reasons).
 *
 * <p>Sections carry ids ({@code questions}, {@code diversity}, {@code similarity}, {@code recovery}, {@code
 * coverage}, {@code judge}, {@code token-shift}, {@code lengths}, {@code aggregates}, {@code prompts}) and each figure {@code
 * data-chart="<section>"}, so that tests and readers can find what they look for.
 */
public final class ReportPage {

    /** Rows of the prompt table at most; the exports have them all. */
    static final int MAX_PROMPT_ROWS = 2000;

    private ReportPage() {}

    /**
     * The page rendered without Quarkus (tests, the browser tests' saved pages): the same template, rendered by {@link
     * PlainTemplates}. The service renders {@link ReportTemplates#page} instead.
     */
    public static String render(ReportData data) {
        return render(data, RunTitle.UNKNOWN);
    }

    /** The page of a run titled {@code title}, rendered without Quarkus. */
    public static String render(ReportData data, RunTitle title) {
        return PlainTemplates.render(ReportTemplates.PAGE, view(data, title));
    }

    /** What the page of a run whose name and label the scorer has not received shows. */
    public static ReportView view(ReportData data) {
        return view(data, RunTitle.UNKNOWN);
    }

    /** What the page of the run titled {@code title} (its name and label) shows. */
    public static ReportView view(ReportData data, RunTitle title) {
        ReportIndex index = new ReportIndex(data);
        ReportCharts charts = new ReportCharts(index);
        List<String> judgeVariants = charts.judgeVariants();
        return new ReportView(
                data.runId(),
                title,
                data.reference(),
                data.promptIds().size(),
                instant(data.renderedAt()),
                data.variants().stream()
                        .map(v -> new ReportView.Chip(
                                v.name(), index.colour(v.name()), v.reference(), v.generated(), v.failed()))
                        .toList(),
                shift(data, charts),
                recovery(data.recovery()),
                charts.diversity(),
                charts.similarity(),
                charts.recovery(),
                charts.coverage(),
                new ReportView.JudgeView(
                        charts.judgeIntervals(judgeVariants),
                        qualityTable(index, judgeVariants),
                        charts.judgeHistograms()),
                TokenShiftSection.of(data.tokenShift(), index),
                charts.lengths(),
                aggregates(index),
                prompts(index),
                data.resamples(),
                data.seed());
    }

    private static ReportView.ShiftQuestion shift(ReportData data, ReportCharts charts) {
        List<Verdicts.ShiftVerdict> shift = Verdicts.shift(data.aggregate(), data.reference(), data.variantNames());
        if (shift.isEmpty()) {
            return new ReportView.ShiftQuestion(List.of(), null);
        }
        List<ReportView.Verdict> verdicts = shift.stream()
                .map(v -> new ReportView.Verdict(
                        v.variant(),
                        v.outcome().name(),
                        shiftClass(v.outcome()),
                        v.headline(),
                        List.of(new Detail(v.detail(), null))))
                .toList();
        return new ReportView.ShiftQuestion(verdicts, charts.shift(shift));
    }

    private static ReportView.RecoveryQuestion recovery(RecoveryReport report) {
        if (report == null) {
            return new ReportView.RecoveryQuestion(false, List.of(), null);
        }
        List<ReportView.Verdict> verdicts = new ArrayList<>();
        for (Verdicts.RecoveryVerdict v : Verdicts.recovery(report)) {
            List<Detail> details = new ArrayList<>();
            for (RecoveryReport.Recovery r : v.measures()) {
                String mark = r.ciHigh() == null ? "–" : r.recovers() ? "✓" : "✗";
                details.add(new Detail(
                        mark + " " + r.measure() + " "
                                + Numbers.withInterval(orNaN(r.recovery()), orNaN(r.ciLow()), orNaN(r.ciHigh()))
                                + (r.reason() == null ? "" : " (" + r.reason() + ")"),
                        r.measure()));
            }
            verdicts.add(new ReportView.Verdict(
                    v.variant(), v.outcome().name(), recoveryClass(v.outcome()), v.headline(), details));
        }
        return new ReportView.RecoveryQuestion(true, verdicts, instant(report.computedAt()));
    }

    private static String shiftClass(Verdicts.Shift outcome) {
        return switch (outcome) {
            case MORE_DIVERSE -> "verdict-yes";
            case LESS_DIVERSE -> "verdict-no";
            case NO_CLEAR_DIFFERENCE -> "verdict-unclear";
            case UNDEFINED -> "verdict-undefined";
        };
    }

    private static String recoveryClass(Verdicts.Recovery outcome) {
        return switch (outcome) {
            case RECOVERS -> "verdict-yes";
            case DOES_NOT_RECOVER -> "verdict-no";
            case PARTLY -> "verdict-partial";
            case UNDEFINED -> "verdict-undefined";
        };
    }

    /**
     * The paper's quality figure per variant: the mean of the five aspect means (each aspect's mean over prompts, N/A
     * left out), beside {@code judge_quality_mean} (per response, then over prompts), which differs when some aspects
     * were N/A. {@code null} when the run has no aspect values.
     */
    private static Table qualityTable(ReportIndex index, List<String> variants) {
        if (ReportMetrics.QUALITY_ASPECTS.stream().noneMatch(index::has)) {
            return null;
        }
        List<String> columns = new ArrayList<>(List.of("quality: mean of the five aspect means", "judge_quality_mean"));
        for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
            columns.add(aspect.substring("judge_quality_".length()));
        }
        List<Row> rows = new ArrayList<>();
        for (String variant : variants) {
            double sum = 0;
            int n = 0;
            for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                Estimate e = index.estimate(aspect, variant);
                if (e != null && Double.isFinite(e.mean())) {
                    sum += e.mean();
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            boolean all = n == ReportMetrics.QUALITY_ASPECTS.size();
            List<Cell> cells = new ArrayList<>();
            cells.add(new Cell(
                    all ? Numbers.format(sum / n) : "–", null, "paper-quality", all ? String.valueOf(sum / n) : ""));
            cells.add(cell(index.estimate("judge_quality_mean", variant)));
            for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                cells.add(cell(index.estimate(aspect, variant)));
            }
            rows.add(new Row(variant, cells));
        }
        return new Table(columns, rows);
    }

    /** Every aggregate: a row per metric, a column per variant, then the paired differences to the reference. */
    private static Table aggregates(ReportIndex index) {
        if (index.metrics().isEmpty()) {
            return null;
        }
        ReportData data = index.data();
        List<String> variants = data.variantNames();
        List<String> others =
                variants.stream().filter(v -> !v.equals(data.reference())).toList();
        List<String> columns = new ArrayList<>(variants);
        if (data.reference() != null) {
            others.forEach(v -> columns.add(v + " − " + data.reference()));
        }
        List<Row> rows = new ArrayList<>();
        for (String metric : new TreeSet<>(index.metrics())) {
            List<Cell> cells = new ArrayList<>();
            for (String variant : variants) {
                cells.add(cell(index.estimate(metric, variant)));
            }
            if (data.reference() != null) {
                for (String variant : others) {
                    cells.add(cell(index.difference(metric, variant)));
                }
            }
            rows.add(new Row(metric, cells));
        }
        return new Table(columns, rows);
    }

    private static Cell cell(Estimate e) {
        return e == null
                ? new Cell("–", null)
                : new Cell(Numbers.withInterval(e.mean(), e.low(), e.high()), "n = " + e.n());
    }

    /** The first {@link #MAX_PROMPT_ROWS} prompts with their {@code jaccard_1} per variant and their page's link. */
    private static ReportView.PromptTable prompts(ReportIndex index) {
        ReportData data = index.data();
        Map<String, Map<String, Double>> jaccard = index.perPrompt(ReportMetrics.SHIFT_METRIC);
        List<String> variants = data.variantNames();
        List<ReportView.PromptRow> rows = new ArrayList<>();
        for (String prompt : data.promptIds()) {
            if (rows.size() >= MAX_PROMPT_ROWS) {
                break;
            }
            List<String> values = variants.stream()
                    .map(variant -> Numbers.format(
                            jaccard.getOrDefault(variant, Map.of()).get(prompt)))
                    .toList();
            rows.add(new ReportView.PromptRow(prompt, Html.link("report/prompts/", prompt), values));
        }
        List<String> columns = variants.stream()
                .map(v -> ReportMetrics.SHIFT_METRIC + " · " + v)
                .toList();
        return new ReportView.PromptTable(columns, rows, data.promptIds().size());
    }

    private static String instant(Instant at) {
        return at == null ? null : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
