package dev.overton.scorer.report;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.overton.contracts.RecoveryReport;
import dev.overton.metrics.stats.BootstrapInterval.Estimate;
import dev.overton.scorer.report.svg.BoxPlotChart;
import dev.overton.scorer.report.svg.HistogramChart;
import dev.overton.scorer.report.svg.IntervalChart;
import dev.overton.scorer.report.svg.MarkupWriter;
import dev.overton.scorer.report.svg.Palette;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * Renders a run's report as one self-contained HTML page: the two questions of the method and their verdicts first,
 * then the plots behind them (inline SVG), then every aggregate in a table and the list of prompts, each linked to its
 * samples. No script, no external resource: the page can be saved, mailed and opened anywhere.
 *
 * <p>Plain Java, no framework: it renders {@link ReportData}, which the REST resource reads from the database and
 * tests build by hand. Every piece of stored text (variant names, prompt ids, reasons) is escaped.
 *
 * <p>Sections carry ids ({@code questions}, {@code diversity}, {@code similarity}, {@code recovery}, {@code
 * coverage}, {@code judge}, {@code lengths}, {@code aggregates}, {@code prompts}) and each figure {@code
 * data-chart="<section>"}, so that tests and readers can find what they look for.
 */
public final class ReportPage {

    /** Rows of the prompt table at most; the exports have them all. */
    static final int MAX_PROMPT_ROWS = 2000;

    private ReportPage() {}

    /** The page. */
    public static String render(ReportData data) {
        Page page = new Page(data);
        return page.render();
    }

    /** One rendering: the data indexed for lookups. */
    private static final class Page {
        private final ReportData data;
        private final Map<String, String> colours;
        private final Map<String, Map<String, Estimate>> estimates = new HashMap<>();
        private final Map<String, Map<String, Estimate>> differences = new HashMap<>();
        private final Map<String, Map<String, Map<String, Double>>> perPrompt = new HashMap<>();
        private final Set<String> metrics = new LinkedHashSet<>();
        private final MarkupWriter h = new MarkupWriter();

        Page(ReportData data) {
            this.data = data;
            this.colours = Palette.assign(data.variantNames(), data.reference());
            for (RunAggregator.MetricAggregate m : data.aggregate().metrics()) {
                estimates.computeIfAbsent(m.metric(), k -> new HashMap<>()).put(m.variant(), m.estimate());
                metrics.add(m.metric());
            }
            for (RunAggregator.Difference d : data.aggregate().differences()) {
                differences.computeIfAbsent(d.metric(), k -> new HashMap<>()).put(d.variant(), d.estimate());
            }
            for (RunAggregator.PromptValue v : data.promptValues()) {
                perPrompt
                        .computeIfAbsent(v.metric(), k -> new HashMap<>())
                        .computeIfAbsent(v.variant(), k -> new HashMap<>())
                        .put(v.promptId(), v.value());
            }
        }

        String render() {
            h.raw("<!DOCTYPE html>\n");
            h.open("html", "lang", "en");
            h.open("head");
            h.empty("meta", "charset", "utf-8");
            h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
            h.element("title", "Overton report · run " + data.runId());
            h.open("style").raw(Html.CSS).close("style");
            h.close("head");
            h.open("body", "data-run", data.runId());
            h.open("main");
            header();
            questions();
            diversity();
            similarity();
            recovery();
            coverage();
            judge();
            lengths();
            aggregates();
            prompts();
            footer();
            h.close("main");
            h.close("body");
            h.close("html");
            return h.toString();
        }

        private void header() {
            h.open("header");
            h.element("h1", "Overton report");
            h.open("p", "class", "run-meta");
            h.text("Run ").element("code", data.runId());
            h.text(" · aligned reference: ");
            h.element("strong", data.reference() == null ? "(no reference set received yet)" : data.reference());
            h.text(" · " + data.promptIds().size() + " prompts reached the scorer · read "
                    + DateTimeFormatter.ISO_INSTANT.format(data.renderedAt().truncatedTo(ChronoUnit.SECONDS)));
            h.close("p");
            h.open("ul", "class", "chips");
            for (ReportData.VariantSummary v : data.variants()) {
                h.open("li", "class", "chip", "data-variant", v.name());
                swatch(v.name());
                h.element("strong", v.name());
                h.text((v.reference() ? " (aligned reference)" : "") + " · " + v.generated() + " sets"
                        + (v.failed() > 0 ? ", " + v.failed() + " failed" : ""));
                h.close("li");
            }
            h.close("ul");
            h.close("header");
        }

        private void swatch(String variant) {
            h.element("span", "", "class", "swatch", "style", "background:" + colours.get(variant));
        }

        // ---- the questions and verdicts ----------------------------------------------------------------------

        private void questions() {
            h.open("section", "id", "questions", "class", "questions");
            h.open("article", "class", "question", "id", "q-shift");
            h.element("h2", "1 · Distributional shift");
            h.element(
                    "p",
                    "Does alignment narrow what the model says? Are the base model's responses to a prompt more"
                            + " diverse than the aligned model's?",
                    "class",
                    "ask");
            List<Verdicts.ShiftVerdict> shift = Verdicts.shift(data.aggregate(), data.reference(), data.variantNames());
            if (shift.isEmpty()) {
                h.element(
                        "p",
                        data.reference() == null
                                ? "No verdict yet: no set of the aligned reference has reached the scorer."
                                : "No verdict: the run has no variant besides the aligned reference.",
                        "class",
                        "verdict verdict-undefined");
            } else {
                h.open("ul", "class", "verdicts");
                for (Verdicts.ShiftVerdict v : shift) {
                    h.open(
                            "li",
                            "class",
                            "verdict " + shiftClass(v.outcome()),
                            "data-variant",
                            v.variant(),
                            "data-outcome",
                            v.outcome().name());
                    h.element("strong", v.headline());
                    h.element("span", v.detail(), "class", "detail");
                    h.close("li");
                }
                h.close("ul");
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
                            colours.get(v.variant()),
                            v.outcome() == Verdicts.Shift.UNDEFINED ? "no paired values" : null));
                }
                figure("shift", "shift-" + ReportMetrics.SHIFT_METRIC, chart.render(), null);
            }
            h.close("article");

            h.open("article", "class", "question", "id", "q-recovery");
            h.element("h2", "2 · Recoverability");
            h.element(
                    "p",
                    "Does the base model, prompted in context, recover the aligned model's behaviour: is it as close"
                            + " to the aligned answers as the aligned model is to itself?",
                    "class",
                    "ask");
            RecoveryReport report = data.recovery();
            if (report == null) {
                h.element(
                        "p",
                        "No recovery verdict yet: icl-service publishes one on the recoveries topic once the"
                                + " run's pair values arrive; none has reached the scorer for this run.",
                        "class",
                        "verdict verdict-undefined",
                        "data-outcome",
                        "NONE");
            } else {
                List<Verdicts.RecoveryVerdict> verdicts = Verdicts.recovery(report);
                h.open("ul", "class", "verdicts");
                for (Verdicts.RecoveryVerdict v : verdicts) {
                    h.open(
                            "li",
                            "class",
                            "verdict " + recoveryClass(v.outcome()),
                            "data-variant",
                            v.variant(),
                            "data-outcome",
                            v.outcome().name());
                    h.element("strong", v.headline());
                    for (RecoveryReport.Recovery r : v.measures()) {
                        String mark = r.ciHigh() == null ? "–" : r.recovers() ? "✓" : "✗";
                        h.element(
                                "span",
                                mark + " " + r.measure() + " "
                                        + Numbers.withInterval(
                                                r.recovery() == null ? Double.NaN : r.recovery(),
                                                r.ciLow() == null ? Double.NaN : r.ciLow(),
                                                r.ciHigh() == null ? Double.NaN : r.ciHigh())
                                        + (r.reason() == null ? "" : " (" + r.reason() + ")"),
                                "class",
                                "detail",
                                "data-measure",
                                r.measure());
                    }
                    h.close("li");
                }
                if (verdicts.isEmpty()) {
                    h.element(
                            "li",
                            "icl-service's report has no entries: no variant besides the reference has pair values.",
                            "class",
                            "verdict verdict-undefined");
                }
                h.close("ul");
                h.element(
                        "p",
                        "Recovery = mean over prompts of sim(variant, aligned) ÷ mean of sim(aligned, aligned); a"
                                + " variant recovers on a measure when the 95% interval reaches 1. Computed by"
                                + " icl-service"
                                + (report.computedAt() == null
                                        ? ""
                                        : " at "
                                                + DateTimeFormatter.ISO_INSTANT.format(
                                                        report.computedAt().truncatedTo(ChronoUnit.SECONDS)))
                                + ".",
                        "class",
                        "method");
            }
            h.close("article");
            h.close("section");
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

        // ---- plots ------------------------------------------------------------------------------------------

        private void diversity() {
            h.open("section", "id", "diversity");
            h.element("h2", "Diversity of each variant's responses");
            h.element(
                    "p",
                    "Per variant: the mean over prompts of each prompt's value (computed over the N responses to it),"
                            + " with its 95% bootstrap interval over prompts. The aligned reference is drawn in"
                            + " vermillion.",
                    "class",
                    "lead");
            List<ReportMetrics.Shown> shown = ReportMetrics.DIVERSITY.stream()
                    .filter(s -> metrics.contains(s.name()))
                    .toList();
            if (shown.isEmpty()) {
                notComputed("Diversity: no diversity values stored for this run yet.");
            } else {
                h.open("div", "class", "charts");
                for (ReportMetrics.Shown s : shown) {
                    IntervalChart chart = new IntervalChart(s.name(), s.title(), s.direction());
                    for (String variant : data.variantNames()) {
                        Estimate e = estimate(s.name(), variant);
                        chart.row(new IntervalChart.Row(
                                variant,
                                variant,
                                e == null ? Double.NaN : e.mean(),
                                e == null ? Double.NaN : e.low(),
                                e == null ? Double.NaN : e.high(),
                                colours.get(variant),
                                e == null ? "no defined values" : null));
                    }
                    figure("diversity", "diversity-" + s.name(), chart.render(), null);
                }
                h.close("div");
            }
            h.close("section");
        }

        private void similarity() {
            h.open("section", "id", "similarity");
            h.element("h2", "Similarity to the aligned model");
            h.element(
                    "p",
                    "Per variant: how close its responses are to the aligned model's first response to the same"
                            + " prompt (mean over prompts, 95% interval). The dashed line is the ceiling: the aligned"
                            + " model's other responses against its first (aligned vs aligned), with its interval"
                            + " shaded.",
                    "class",
                    "lead");
            List<String> pairMetrics = new ArrayList<>();
            for (ReportMetrics.Shown s : ReportMetrics.SIMILARITY) {
                if (metrics.contains(s.name())) {
                    pairMetrics.add(s.name());
                }
            }
            if (pairMetrics.isEmpty() || data.reference() == null) {
                notComputed("Similarity to the aligned model: not computed for this run (pair values need the aligned"
                        + " reference's sets).");
                h.close("section");
                return;
            }
            h.open("div", "class", "charts");
            for (String metric : pairMetrics) {
                ReportMetrics.Shown s = ReportMetrics.shown(metric).orElseThrow();
                IntervalChart chart = new IntervalChart(metric, s.title(), s.direction());
                Estimate ceiling = estimate(metric, data.reference());
                String caption = null;
                if (ceiling != null) {
                    chart.band(ceiling.low(), ceiling.high(), "ceiling");
                    chart.line(
                            ceiling.mean(),
                            "aligned vs aligned (ceiling) " + Numbers.format(ceiling.mean()),
                            "ceiling");
                } else {
                    caption = "No ceiling: the aligned model has fewer than two responses per prompt.";
                }
                for (String variant : data.variantNames()) {
                    if (variant.equals(data.reference())) {
                        continue;
                    }
                    Estimate e = estimate(metric, variant);
                    chart.row(new IntervalChart.Row(
                            variant,
                            variant,
                            e == null ? Double.NaN : e.mean(),
                            e == null ? Double.NaN : e.low(),
                            e == null ? Double.NaN : e.high(),
                            colours.get(variant),
                            e == null ? "no pair values" : null));
                }
                if (chart.size() == 0) {
                    continue;
                }
                figure("similarity", "similarity-" + metric, chart.render(), caption);
            }
            h.close("div");
            h.close("section");
        }

        private void recovery() {
            h.open("section", "id", "recovery");
            h.element("h2", "Recovery per in-context variant");
            RecoveryReport report = data.recovery();
            if (report == null || report.recoveries().isEmpty()) {
                notComputed("Recovery: no verdict from icl-service for this run yet.");
                h.close("section");
                return;
            }
            h.element(
                    "p",
                    "Recovery ratio per variant and measure with its 95% interval; 1 (dashed) means as close to the"
                            + " aligned answers as the aligned model is to itself.",
                    "class",
                    "lead");
            Map<String, List<RecoveryReport.Recovery>> byMeasure = new TreeMap<>();
            for (RecoveryReport.Recovery r : report.recoveries()) {
                byMeasure.computeIfAbsent(r.measure(), m -> new ArrayList<>()).add(r);
            }
            h.open("div", "class", "charts");
            byMeasure.forEach((measure, list) -> {
                IntervalChart chart = new IntervalChart(
                        measure, "Recovery on " + measure, "sim(variant, aligned) ÷ sim(aligned, aligned)");
                chart.line(1, "1 = aligned vs aligned", "parity");
                for (RecoveryReport.Recovery r : list) {
                    chart.row(new IntervalChart.Row(
                            r.variant(),
                            r.variant() + (r.recovers() ? " ✓" : ""),
                            r.recovery() == null ? Double.NaN : r.recovery(),
                            r.ciLow() == null ? Double.NaN : r.ciLow(),
                            r.ciHigh() == null ? Double.NaN : r.ciHigh(),
                            colours.getOrDefault(r.variant(), "#444"),
                            r.reason()));
                }
                figure("recovery", "recovery-" + measure, chart.render(), null);
            });
            h.close("div");
            h.close("section");
        }

        private void coverage() {
            h.open("section", "id", "coverage");
            h.element("h2", "Overton coverage");
            Map<String, Map<String, List<Double>>> values = distributions(true);
            if (values.isEmpty()) {
                notComputed("Coverage: not computed for this run.");
            } else {
                h.element(
                        "p",
                        "Does one aligned answer say more of what the base model's answers say between them than"
                                + " one base answer does (the paper's Overton reading)? Distribution over prompts."
                                + " Box: quartiles; line: median; whiskers: 1.5 × IQR; dots: outliers.",
                        "class",
                        "lead");
                h.open("div", "class", "charts");
                values.forEach((metric, byVariant) -> {
                    ReportMetrics.Shown shown = ReportMetrics.shown(metric).orElse(null);
                    BoxPlotChart chart = new BoxPlotChart(
                                    metric, shown == null ? metric : shown.title(), "share covered (0–1)")
                            .domain(0, 1);
                    byVariant.forEach((variant, list) -> chart.series(variant, toArray(list), colour(variant)));
                    figure("coverage", "coverage-" + metric, chart.render(), shown == null ? null : shown.direction());
                });
                h.close("div");
            }
            h.close("section");
        }

        private void judge() {
            h.open("section", "id", "judge");
            h.element("h2", "Judge scores");
            Map<String, Map<String, List<Double>>> values = distributions(false);
            values.keySet().removeIf(m -> !ReportMetrics.isJudgeScoreDistribution(m));
            List<ReportMetrics.Shown> figures = ReportMetrics.JUDGE.stream()
                    .filter(s -> metrics.contains(s.name()))
                    .toList();
            if (values.isEmpty() && figures.isEmpty()) {
                notComputed("Judge scores: not computed for this run.");
                h.close("section");
                return;
            }
            List<String> variants = judgeVariants();
            if (!figures.isEmpty()) {
                h.element(
                        "p",
                        "The LLM judge's verdicts: mean over prompts with its 95% interval. Pair judgements compare"
                                + " each sample with the aligned model's sample 0; the dashed line is the aligned model's"
                                + " own samples judged the same way (the ceiling). Verdicts, raw answers and failures:"
                                + " judge/verdicts.",
                        "class",
                        "lead");
                h.open("div", "class", "charts");
                for (ReportMetrics.Shown s : figures) {
                    judgeFigure(s, variants);
                }
                h.close("div");
                qualityTable(variants);
            }
            if (!values.isEmpty()) {
                h.element(
                        "p",
                        "Distribution of the judge's scores per variant (share of judged responses per score).",
                        "class",
                        "lead");
                h.open("div", "class", "charts");
                values.forEach((metric, byVariant) -> {
                    HistogramChart chart = new HistogramChart(metric, metric, "score");
                    byVariant.forEach((variant, list) -> chart.series(variant, toArray(list), colour(variant)));
                    figure("judge", "judge-" + metric + "-distribution", chart.render(), null);
                });
                h.close("div");
            }
            h.close("section");
        }

        /** One judge figure: a row per variant; for a pair judgement the reference is the ceiling, not a row. */
        private void judgeFigure(ReportMetrics.Shown s, List<String> variants) {
            boolean pairwise = ReportMetrics.isPairwiseJudge(s.name());
            IntervalChart chart = new IntervalChart(s.name(), s.title(), s.direction());
            Estimate ceiling = pairwise && data.reference() != null ? estimate(s.name(), data.reference()) : null;
            if (ceiling != null) {
                chart.band(ceiling.low(), ceiling.high(), "ceiling");
                chart.line(ceiling.mean(), "aligned vs aligned (ceiling) " + Numbers.format(ceiling.mean()), "ceiling");
            }
            for (String variant : variants) {
                if (pairwise && variant.equals(data.reference())) {
                    continue;
                }
                Estimate e = estimate(s.name(), variant);
                if (e == null) {
                    continue;
                }
                chart.row(new IntervalChart.Row(
                        variant, variant, e.mean(), e.low(), e.high(), colours.getOrDefault(variant, "#444"), null));
            }
            if (chart.size() > 0) {
                figure("judge", "judge-" + s.name(), chart.render(), null);
            }
        }

        /**
         * The paper's quality figure per variant: the mean of the five aspect means (each aspect's mean over prompts,
         * N/A left out), beside {@code judge_quality_mean} (per response, then over prompts), which differs when some
         * aspects were N/A.
         */
        private void qualityTable(List<String> variants) {
            if (ReportMetrics.QUALITY_ASPECTS.stream().noneMatch(metrics::contains)) {
                return;
            }
            h.open("div", "class", "table-wrap");
            h.open("table", "class", "aggregates judge-quality");
            h.open("thead").open("tr").element("th", "variant", "class", "name");
            h.element("th", "quality: mean of the five aspect means");
            h.element("th", "judge_quality_mean");
            for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                h.element("th", aspect.substring("judge_quality_".length()));
            }
            h.close("tr").close("thead").open("tbody");
            for (String variant : variants) {
                double sum = 0;
                int n = 0;
                for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                    Estimate e = estimate(aspect, variant);
                    if (e != null && Double.isFinite(e.mean())) {
                        sum += e.mean();
                        n++;
                    }
                }
                if (n == 0) {
                    continue;
                }
                h.open("tr", "data-variant", variant).element("td", variant, "class", "name");
                h.element(
                        "td",
                        n == ReportMetrics.QUALITY_ASPECTS.size() ? Numbers.format(sum / n) : "–",
                        "class",
                        "paper-quality",
                        "data-value",
                        n == ReportMetrics.QUALITY_ASPECTS.size() ? String.valueOf(sum / n) : "");
                cell(estimate("judge_quality_mean", variant));
                for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                    cell(estimate(aspect, variant));
                }
                h.close("tr");
            }
            h.close("tbody").close("table");
            h.close("div");
        }

        /** The run's variants in display order, then any variant that has judge values but no sets, by name. */
        private List<String> judgeVariants() {
            List<String> variants = new ArrayList<>(data.variantNames());
            Set<String> extra = new java.util.TreeSet<>();
            for (ReportMetrics.Shown s : ReportMetrics.JUDGE) {
                extra.addAll(estimates.getOrDefault(s.name(), Map.of()).keySet());
            }
            for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                extra.addAll(estimates.getOrDefault(aspect, Map.of()).keySet());
            }
            extra.removeAll(variants);
            variants.addAll(extra);
            return variants;
        }

        private void lengths() {
            h.open("section", "id", "lengths");
            h.element("h2", "Response length");
            Map<String, Map<String, Double>> byVariant = perPrompt.get(ReportMetrics.LENGTH.name());
            if (byVariant == null || byVariant.isEmpty()) {
                notComputed("Response length: no length values stored for this run yet.");
            } else {
                h.element(
                        "p",
                        "Longer responses share more words, so read the Jaccard values beside the lengths."
                                + " Distribution over prompts of the mean length of a prompt's responses.",
                        "class",
                        "lead");
                BoxPlotChart chart = new BoxPlotChart(
                        ReportMetrics.LENGTH.name(), ReportMetrics.LENGTH.title(), ReportMetrics.LENGTH.direction());
                for (String variant : data.variantNames()) {
                    Map<String, Double> values = byVariant.getOrDefault(variant, Map.of());
                    chart.series(
                            variant,
                            values.values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                            colour(variant));
                }
                h.open("div", "class", "charts");
                figure("lengths", "lengths-" + ReportMetrics.LENGTH.name(), chart.render(), null);
                h.close("div");
            }
            h.close("section");
        }

        /** Coverage (or judge) values: metric → variant → values, variants in display order. */
        private Map<String, Map<String, List<Double>>> distributions(boolean coverage) {
            Map<String, Map<String, List<Double>>> byMetric = new TreeMap<>();
            for (ReportData.DistributionValue v : data.distributions()) {
                boolean wanted = coverage ? ReportMetrics.isCoverage(v.metric()) : ReportMetrics.isJudge(v.metric());
                if (wanted) {
                    byMetric.computeIfAbsent(v.metric(), m -> new TreeMap<>(this::displayOrder))
                            .computeIfAbsent(v.variant(), x -> new ArrayList<>())
                            .add(v.value());
                }
            }
            Map<String, Map<String, List<Double>>> ordered = new LinkedHashMap<>();
            byMetric.forEach((metric, byVariant) -> ordered.put(metric, new LinkedHashMap<>(byVariant)));
            return ordered;
        }

        private int displayOrder(String a, String b) {
            List<String> names = data.variantNames();
            int ia = names.indexOf(a);
            int ib = names.indexOf(b);
            if (ia < 0 || ib < 0) {
                return ia == ib ? a.compareTo(b) : ia < 0 ? 1 : -1;
            }
            return Integer.compare(ia, ib);
        }

        // ---- tables -----------------------------------------------------------------------------------------

        private void aggregates() {
            h.open("section", "id", "aggregates");
            h.element("h2", "Every aggregate");
            if (metrics.isEmpty()) {
                notComputed("No values stored for this run yet.");
                h.close("section");
                return;
            }
            h.element(
                    "p",
                    "Mean over prompts [95% bootstrap interval]; hover a cell for the number of prompts. Metric"
                            + " definitions: docs/metrics.md.",
                    "class",
                    "lead");
            List<String> variants = data.variantNames();
            h.open("div", "class", "table-wrap");
            h.open("table", "class", "aggregates");
            h.open("thead").open("tr").element("th", "metric", "class", "name");
            variants.forEach(v -> h.element("th", v));
            List<String> others =
                    variants.stream().filter(v -> !v.equals(data.reference())).toList();
            if (data.reference() != null) {
                others.forEach(v -> h.element("th", v + " − " + data.reference()));
            }
            h.close("tr").close("thead").open("tbody");
            for (String metric : new java.util.TreeSet<>(metrics)) {
                h.open("tr", "data-metric", metric).element("td", metric, "class", "name");
                for (String variant : variants) {
                    Estimate e = estimate(metric, variant);
                    cell(e);
                }
                if (data.reference() != null) {
                    for (String variant : others) {
                        Map<String, Estimate> byVariant = differences.get(metric);
                        cell(byVariant == null ? null : byVariant.get(variant));
                    }
                }
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
            h.close("section");
        }

        private void cell(Estimate e) {
            if (e == null) {
                h.element("td", "–");
            } else {
                h.element("td", Numbers.withInterval(e.mean(), e.low(), e.high()), "title", "n = " + e.n());
            }
        }

        private void prompts() {
            h.open("section", "id", "prompts");
            h.element("h2", "Prompts");
            h.element(
                    "p",
                    "Each prompt's unigram Jaccard per variant; open a prompt to read its responses side by side.",
                    "class",
                    "lead");
            Map<String, Map<String, Double>> jaccard = perPrompt.getOrDefault(ReportMetrics.SHIFT_METRIC, Map.of());
            List<String> variants = data.variantNames();
            h.open("div", "class", "table-wrap");
            h.open("table", "class", "prompts");
            h.open("thead").open("tr").element("th", "prompt", "class", "name");
            variants.forEach(v -> h.element("th", ReportMetrics.SHIFT_METRIC + " · " + v));
            h.close("tr").close("thead").open("tbody");
            int rows = 0;
            for (String prompt : data.promptIds()) {
                if (rows++ >= MAX_PROMPT_ROWS) {
                    break;
                }
                h.open("tr", "data-prompt", prompt).open("td", "class", "name");
                h.element("a", prompt, "href", "report/prompts/" + Html.pathSegment(prompt));
                h.close("td");
                for (String variant : variants) {
                    Double v = jaccard.getOrDefault(variant, Map.of()).get(prompt);
                    h.element("td", Numbers.format(v));
                }
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
            if (data.promptIds().size() > MAX_PROMPT_ROWS) {
                h.element(
                        "p",
                        "Showing the first " + MAX_PROMPT_ROWS + " of "
                                + data.promptIds().size() + " prompts; the exports have them all.",
                        "class",
                        "lead");
            }
            h.close("section");
        }

        private void footer() {
            h.open("footer");
            h.open("p");
            h.text("Export every value with its settings: ");
            h.element("a", "CSV", "href", "export?format=csv");
            h.text(" · ");
            h.element("a", "JSON lines", "href", "export?format=jsonl");
            h.text(" · aggregates as JSON: ");
            h.element("a", "scores", "href", "scores");
            h.close("p");
            h.element(
                    "p",
                    "Intervals: 95% percentile bootstrap over prompts (" + data.resamples() + " resamples, seed "
                            + data.seed() + "), so a page read twice shows the same numbers. Served by"
                            + " scorer-service; rendered on the server, no script.");
            h.close("footer");
        }

        // ---- helpers ----------------------------------------------------------------------------------------

        private Estimate estimate(String metric, String variant) {
            Map<String, Estimate> byVariant = estimates.get(metric);
            return byVariant == null ? null : byVariant.get(variant);
        }

        private String colour(String variant) {
            return colours.getOrDefault(variant, "#444");
        }

        private void figure(String section, String id, String svg, String caption) {
            h.open("figure", "id", "chart-" + id, "data-chart", section);
            h.raw(svg);
            if (caption != null) {
                h.element("figcaption", caption);
            }
            h.close("figure");
        }

        private void notComputed(String text) {
            h.element("p", text, "class", "not-computed");
        }

        private static double[] toArray(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
