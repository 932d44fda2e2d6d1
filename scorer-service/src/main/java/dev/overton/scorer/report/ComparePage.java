package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.scorer.catalog.RunTitle;
import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.ComparisonRow;
import dev.overton.scorer.report.svg.ForestPlot;

/**
 * The comparison page ({@code GET /compare} asked for as {@code text/html}): what its template ({@code
 * templates/report/compare.html}) shows, built from the same {@link Comparison} that the JSON answer carries, every
 * number formatted and every forest plot drawn (one per metric, one row per variant pair).
 */
public final class ComparePage {

    private ComparePage() {}

    /**
     * The page.
     *
     * @param a run a
     * @param b run b
     * @param titleA run a's name and label
     * @param titleB run b's name and label
     * @param reportA relative link to run a's report, or {@code null} when its id cannot be a path segment
     * @param reportB relative link to run b's report, or {@code null}
     * @param variantsA run a's variants
     * @param variantsB run b's variants
     * @param significant rows with q ≤ 0.05
     * @param figures one forest plot per metric
     * @param rows the table, one row per variant pair and metric
     * @param method how the figures were computed, in words
     */
    public record Page(
            String a,
            String b,
            RunTitle titleA,
            RunTitle titleB,
            String reportA,
            String reportB,
            String variantsA,
            String variantsB,
            int significant,
            List<ReportView.Figure> figures,
            List<RowView> rows,
            String method) {}

    /**
     * One row of the table.
     *
     * @param pair the variant pair ({@code vA → vB}, or the variant when the names agree)
     * @param metric the metric
     * @param paired {@code yes} or {@code no}
     * @param n prompts the difference rests on
     * @param meanA run a's mean
     * @param meanB run b's mean
     * @param difference {@code b − a}
     * @param interval the 95% interval, or {@code n/a}
     * @param p the p-value
     * @param q the q-value
     * @param significant q ≤ 0.05
     * @param direction the difference in the metric's words
     * @param css the row's class ({@code significant worse}, ...)
     */
    public record RowView(
            String pair,
            String metric,
            String paired,
            int n,
            String meanA,
            String meanB,
            String difference,
            String interval,
            String p,
            String q,
            boolean significant,
            String direction,
            String css) {}

    /**
     * The page answering an impossible comparison, with the status of the JSON problem.
     *
     * @param status the HTTP status
     * @param title short summary
     * @param detail what is wrong and how to fix it
     * @param parameter the query parameter at fault
     */
    public record Problem(int status, String title, String detail, String parameter) {}

    /** The view of {@code comparison}. */
    public static Page view(Comparison comparison) {
        Map<String, ForestPlot> plots = new LinkedHashMap<>();
        List<RowView> rows = new ArrayList<>();
        int significant = 0;
        for (ComparisonRow r : comparison.rows()) {
            String pair = pair(r.variantA(), r.variantB());
            plots.computeIfAbsent(r.metric(), m -> new ForestPlot(m, m))
                    .row(new ForestPlot.Row(
                            pair, r.difference(), r.ciLow(), r.ciHigh(), r.significant(), r.worse(), r.direction()));
            if (r.significant()) {
                significant++;
            }
            rows.add(new RowView(
                    pair,
                    r.metric(),
                    r.paired() ? "yes" : "no",
                    r.n(),
                    Numbers.format(r.meanA()),
                    Numbers.format(r.meanB()),
                    Numbers.format(r.difference()),
                    r.ciLow() == null || r.ciHigh() == null
                            ? "n/a"
                            : "[" + Numbers.format(r.ciLow()) + ", " + Numbers.format(r.ciHigh()) + "]",
                    pValue(r.p()),
                    pValue(r.q()),
                    r.significant(),
                    r.direction(),
                    (r.significant() ? "significant" : "not-significant") + (r.worse() ? " worse" : "")));
        }
        List<ReportView.Figure> figures = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, ForestPlot> plot : plots.entrySet()) {
            figures.add(new ReportView.Figure(
                    "compare", "forest-" + i++, plot.getValue().render()));
        }
        Comparison.Statistics s = comparison.statistics();
        String method = "Difference b − a of the per-prompt values, paired over the prompts both runs share (unpaired"
                + " when they share none); " + Math.round(s.level() * 100) + "% " + s.interval() + " interval ("
                + s.resamples() + " resamples, seed " + s.seed() + "); p-value: " + s.pairedTest() + " (paired), "
                + s.unpairedTest() + " (unpaired); q-value: " + s.multipleTesting() + " over the " + rows.size()
                + " rows; significant at q ≤ " + s.fdr() + ".";
        return new Page(
                comparison.a(),
                comparison.b(),
                comparison.titleA(),
                comparison.titleB(),
                report(comparison.a()),
                report(comparison.b()),
                String.join(", ", comparison.variantsA()),
                String.join(", ", comparison.variantsB()),
                significant,
                figures,
                rows,
                method);
    }

    /** The page rendered without Quarkus (tests and browser tests), from the same template. */
    public static String render(Page page) {
        return PlainTemplates.render(ReportTemplates.COMPARE, page);
    }

    /** The problem page rendered without Quarkus. */
    public static String render(Problem problem) {
        return PlainTemplates.render(ReportTemplates.COMPARE_PROBLEM, problem);
    }

    private static String report(String run) {
        String link = Html.link("runs/", run);
        return link == null ? null : link + "/report";
    }

    private static String pair(String a, String b) {
        return a.equals(b) ? a : a + " → " + b;
    }

    private static String pValue(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return "n/a";
        }
        return p < 0.001 ? String.format(java.util.Locale.ROOT, "%.1e", p) : Numbers.format(p);
    }
}
