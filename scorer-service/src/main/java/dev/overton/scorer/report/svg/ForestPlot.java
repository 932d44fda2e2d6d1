package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * The comparison page's forest plot of one metric: one row per variant pair, the mean difference {@code b − a} as a
 * dot, its 95% interval as a bar, a solid vertical line at zero, and the direction in words right of the plot.
 * Significant rows (q ≤ 0.05) have a filled dot, a bold label and a {@code ★}; the others a hollow dot. Rows whose
 * difference points the metric's worse way are drawn in vermillion, the others in blue.
 *
 * <p>Marks carry stable classes and data attributes for tests and style sheets: the chart {@code class="forest"
 * data-metric}; per row {@code class="row"} with {@code data-pair} and {@code data-significant}; {@code class="mark
 * point"} with {@code data-value}; {@code class="mark ci-bar"} with {@code data-low}, {@code data-high}; the zero line
 * {@code class="ref-line zero"}; the direction {@code class="direction"}. A row without a difference shows
 * "undefined" and has no marks; one without an interval has a dot and no bar.
 */
public final class ForestPlot {

    /** Width of the chart, in pixels. */
    public static final int WIDTH = 760;

    /** Colour of a difference that points the metric's worse way. */
    static final String WORSE = Palette.REFERENCE;

    /** Colour of any other difference. */
    static final String OTHER = "#0072B2";

    private static final int ROW = 26;
    private static final int TITLE = 30;
    private static final int BOTTOM = 42;
    private static final int DIRECTION = 215;

    /**
     * One row.
     *
     * @param pair the variant pair's label ({@code vA → vB}, or the variant when both are the same)
     * @param difference the mean difference {@code b − a}, or {@code null} when undefined
     * @param low the interval's lower bound, or {@code null}
     * @param high the interval's upper bound, or {@code null}
     * @param significant whether q ≤ 0.05
     * @param worse whether the difference points the metric's worse way
     * @param direction the difference in the metric's words
     */
    public record Row(
            String pair,
            Double difference,
            Double low,
            Double high,
            boolean significant,
            boolean worse,
            String direction) {}

    private final String metric;
    private final String title;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param metric the metric (data attribute)
     * @param title the chart's title
     */
    public ForestPlot(String metric, String title) {
        this.metric = metric;
        this.title = title;
    }

    /** Adds a row. */
    public ForestPlot row(Row row) {
        rows.add(row);
        return this;
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        double labelWidth =
                Labels.width(rows.stream().map(r -> mark(r) + r.pair()).toList(), 80, 220);
        double plotLeft = labelWidth;
        double plotRight = WIDTH - DIRECTION;
        double plotTop = TITLE + 6;
        double plotBottom = plotTop + ROW * Math.max(1, rows.size());
        double height = plotBottom + BOTTOM;

        double min = 0;
        double max = 0;
        for (Row r : rows) {
            for (Double v : new Double[] {r.difference(), r.low(), r.high()}) {
                if (v != null && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        LinearScale x = LinearScale.nice(min, max, plotLeft, plotRight, 5);

        MarkupWriter svg = Marks.svg("forest", metric, WIDTH, height);
        svg.element("title", title + ": difference b − a per variant pair, 95% interval");
        svg.element("text", title, "class", "chart-title", "x", 8.0, "y", 18.0, "font-size", 14, "font-weight", 600);
        svg.element(
                "text",
                "direction",
                "class",
                "direction-head",
                "x",
                plotRight + 12,
                "y",
                plotTop - 6,
                "fill",
                "#555",
                "font-size",
                11);
        Axes.horizontal(svg, x, plotTop, plotBottom, "b − a", (plotLeft + plotRight) / 2, height - 6);
        Marks.referenceLine(svg, "zero", "0", x.map(0), plotTop, plotBottom, false);
        for (int i = 0; i < rows.size(); i++) {
            drawRow(svg, x, rows.get(i), plotTop + ROW * i + ROW / 2.0, labelWidth, plotLeft, plotRight);
        }
        svg.close("svg");
        return svg.toString();
    }

    private void drawRow(
            MarkupWriter svg, LinearScale x, Row r, double cy, double labelWidth, double plotLeft, double plotRight) {
        String colour = r.worse() ? WORSE : OTHER;
        svg.open(
                "g",
                "class",
                r.significant() ? "row significant" : "row",
                "data-pair",
                r.pair(),
                "data-significant",
                String.valueOf(r.significant()));
        svg.open(
                        "text",
                        "class",
                        "row-label",
                        "x",
                        labelWidth - 8,
                        "y",
                        cy + 4,
                        "text-anchor",
                        "end",
                        "font-weight",
                        r.significant() ? "600" : null)
                .text(mark(r) + Labels.shorten(r.pair()))
                .element("title", r.pair())
                .close("text");
        svg.element(
                "text",
                r.direction() == null ? "" : r.direction(),
                "class",
                "direction",
                "x",
                plotRight + 12,
                "y",
                cy + 4,
                "fill",
                r.significant() ? colour : "#555",
                "font-weight",
                r.significant() ? "600" : null);
        if (r.difference() == null || !Double.isFinite(r.difference())) {
            Marks.undefinedNote(svg, "undefined", plotLeft + 6, cy + 4);
            svg.close("g");
            return;
        }
        boolean interval = r.low() != null && r.high() != null && Double.isFinite(r.low()) && Double.isFinite(r.high());
        String tooltip = r.pair() + ": b − a = " + Labels.value(r.difference())
                + (interval ? Labels.interval(r.low(), r.high()) : " (no interval)")
                + (r.significant() ? ", significant (q ≤ 0.05)" : ", not significant");
        if (interval) {
            Marks.intervalBar(svg, r.low(), r.high(), x.map(r.low()), x.map(r.high()), cy, colour, tooltip);
        }
        svg.open(
                        "circle",
                        "class",
                        "mark point",
                        "data-value",
                        String.valueOf(r.difference()),
                        "cx",
                        x.map(r.difference()),
                        "cy",
                        cy,
                        "r",
                        r.significant() ? 5.5 : 4.5,
                        "fill",
                        r.significant() ? colour : "#fff",
                        "stroke",
                        colour,
                        "stroke-width",
                        2.0)
                .element("title", tooltip)
                .close("circle");
        svg.close("g");
    }

    private static String mark(Row r) {
        return r.significant() ? "★ " : "";
    }
}
