package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * Horizontal box plots, one row per variant: the box spans the quartiles, a line marks the median, whiskers reach the
 * furthest values within 1.5 interquartile ranges of the box (Tukey's rule) and values beyond are drawn as outlier
 * dots. Used for per-prompt distributions (coverage, lengths), where a mean and interval would hide the shape.
 *
 * <p>Marks: {@code class="mark box"}, {@code "mark median"}, {@code "mark whisker"}, {@code "mark outlier"}, each with
 * {@code data-variant} and {@code data-metric}. A row without values says so and has no marks.
 */
public final class BoxPlotChart {

    private static final int ROW = 30;
    private static final int TOP = 30;
    private static final int BOTTOM = 42;
    private static final int RIGHT = 64;

    /**
     * One row's values.
     *
     * @param variant the variant
     * @param values the values (any order; non-finite ones are ignored)
     * @param colour the marks' colour
     */
    public record Series(String variant, double[] values, String colour) {}

    private final String metric;
    private final String title;
    private final String axisLabel;
    private final List<Series> series = new ArrayList<>();
    private double fixedLow = Double.NaN;
    private double fixedHigh = Double.NaN;

    /**
     * @param metric the metric drawn
     * @param title the chart's title
     * @param axisLabel the axis label
     */
    public BoxPlotChart(String metric, String title, String axisLabel) {
        this.metric = metric;
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** Adds a row. */
    public BoxPlotChart series(String variant, double[] values, String colour) {
        series.add(new Series(variant, values, colour));
        return this;
    }

    /** Always shows {@code low}..{@code high} on the axis (e.g. [0, 1] for shares). */
    public BoxPlotChart domain(double low, double high) {
        this.fixedLow = low;
        this.fixedHigh = high;
        return this;
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        double labelWidth = Labels.width(series.stream().map(Series::variant).toList(), 70, 210);
        double plotLeft = labelWidth;
        double plotRight = IntervalChart.WIDTH - RIGHT;
        double plotTop = TOP + 6;
        double plotBottom = plotTop + ROW * Math.max(1, series.size());
        double height = plotBottom + BOTTOM;

        List<double[]> sorted = new ArrayList<>();
        double min = Double.isFinite(fixedLow) ? fixedLow : Double.POSITIVE_INFINITY;
        double max = Double.isFinite(fixedHigh) ? fixedHigh : Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] values =
                    Arrays.stream(s.values()).filter(Double::isFinite).sorted().toArray();
            sorted.add(values);
            if (values.length > 0) {
                min = Math.min(min, values[0]);
                max = Math.max(max, values[values.length - 1]);
            }
        }
        LinearScale x = LinearScale.nice(min, max, plotLeft, plotRight, 5);

        MarkupWriter svg = Marks.chart("chart box-chart", metric, Math.round(height), title, axisLabel);
        Axes.horizontal(svg, x, plotTop, plotBottom, axisLabel, (plotLeft + plotRight) / 2, height - 6);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[] v = sorted.get(i);
            double cy = plotTop + ROW * i + ROW / 2.0;
            svg.open("g", "class", "row", "data-variant", s.variant());
            Marks.rowLabel(svg, s.variant(), labelWidth - 8, cy);
            if (v.length == 0) {
                Marks.undefinedNote(svg, "no values", plotLeft + 6, cy + 4);
                svg.close("g");
                continue;
            }
            double q1 = Quantiles.of(v, 0.25);
            double median = Quantiles.of(v, 0.5);
            double q3 = Quantiles.of(v, 0.75);
            double iqr = q3 - q1;
            double lowFence = q1 - 1.5 * iqr;
            double highFence = q3 + 1.5 * iqr;
            double whiskerLow =
                    Arrays.stream(v).filter(d -> d >= lowFence).min().orElse(q1);
            double whiskerHigh =
                    Arrays.stream(v).filter(d -> d <= highFence).max().orElse(q3);
            String tooltip = s.variant() + ": median " + Labels.value(median) + ", quartiles " + Labels.value(q1)
                    + " to " + Labels.value(q3) + ", n = " + v.length;
            svg.empty(
                    "line",
                    "class",
                    "mark whisker",
                    "data-variant",
                    s.variant(),
                    "data-metric",
                    metric,
                    "x1",
                    x.map(whiskerLow),
                    "x2",
                    x.map(whiskerHigh),
                    "y1",
                    cy,
                    "y2",
                    cy,
                    "stroke",
                    "#444",
                    "stroke-width",
                    1.2);
            svg.open(
                            "rect",
                            "class",
                            "mark box",
                            "data-variant",
                            s.variant(),
                            "data-metric",
                            metric,
                            "data-q1",
                            String.valueOf(q1),
                            "data-median",
                            String.valueOf(median),
                            "data-q3",
                            String.valueOf(q3),
                            "x",
                            x.map(q1),
                            "y",
                            cy - 9,
                            "width",
                            Math.max(1, x.map(q3) - x.map(q1)),
                            "height",
                            18.0,
                            "fill",
                            s.colour(),
                            "fill-opacity",
                            0.35,
                            "stroke",
                            s.colour(),
                            "stroke-width",
                            1.5)
                    .element("title", tooltip)
                    .close("rect");
            svg.empty(
                    "line",
                    "class",
                    "mark median",
                    "data-variant",
                    s.variant(),
                    "data-metric",
                    metric,
                    "x1",
                    x.map(median),
                    "x2",
                    x.map(median),
                    "y1",
                    cy - 9,
                    "y2",
                    cy + 9,
                    "stroke",
                    "#222",
                    "stroke-width",
                    2.0);
            for (double d : v) {
                if (d < lowFence || d > highFence) {
                    svg.open(
                                    "circle",
                                    "class",
                                    "mark outlier",
                                    "data-variant",
                                    s.variant(),
                                    "data-metric",
                                    metric,
                                    "cx",
                                    x.map(d),
                                    "cy",
                                    cy,
                                    "r",
                                    2.5,
                                    "fill",
                                    "none",
                                    "stroke",
                                    s.colour())
                            .element("title", Labels.value(d))
                            .close("circle");
                }
            }
            svg.element(
                    "text",
                    "n = " + v.length,
                    "class",
                    "n-label",
                    "x",
                    plotRight + 8,
                    "y",
                    cy + 4,
                    "fill",
                    "#555",
                    "font-size",
                    11);
            svg.close("g");
        }
        svg.close("svg");
        return svg.toString();
    }
}
