package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * A horizontal point-and-interval chart (a "forest plot"): one row per variant, the estimate as a dot, its confidence
 * interval as a bar, and optional vertical reference lines (zero, the aligned-vs-aligned ceiling, parity) and a shaded
 * band (the ceiling's own interval). Plain Java, no framework; the output is a standalone {@code <svg>} element.
 *
 * <p>Marks carry stable classes and data attributes so that tests (and users' style sheets) can find them: {@code
 * class="mark point"} and {@code class="mark ci-bar"} with {@code data-variant} and {@code data-metric}, reference
 * lines {@code class="ref-line <kind>"} with {@code data-value}. A row without a defined estimate shows "undefined"
 * and has no marks; a row with an estimate but no interval (one prompt) has a point and no bar.
 */
public final class IntervalChart {

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 560;

    private static final int ROW = 26;
    private static final int TITLE = 30;
    private static final int LINE_LABEL = 13;
    private static final int BOTTOM = 42;
    private static final int RIGHT = 24;

    /**
     * One row.
     *
     * @param variant the variant (data attribute)
     * @param label the row's label
     * @param value the estimate, or NaN when undefined
     * @param low the interval's lower bound, or NaN
     * @param high the interval's upper bound, or NaN
     * @param colour the marks' colour
     * @param note why the row is undefined, or {@code null}
     */
    public record Row(
            String variant, String label, double value, double low, double high, String colour, String note) {}

    /**
     * A vertical reference line.
     *
     * @param value where
     * @param label its label, drawn above the plot
     * @param kind its CSS class besides {@code ref-line} (e.g. {@code ceiling}, {@code zero}, {@code parity})
     */
    public record Line(double value, String label, String kind) {}

    private final String metric;
    private final String title;
    private final String axisLabel;
    private final List<Row> rows = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private double bandLow = Double.NaN;
    private double bandHigh = Double.NaN;
    private String bandKind;
    private boolean includeZero;

    /**
     * @param metric the metric drawn (data attribute of the chart and its marks)
     * @param title the chart's title
     * @param axisLabel the x axis' label (unit, direction)
     */
    public IntervalChart(String metric, String title, String axisLabel) {
        this.metric = metric;
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** Adds a row labelled with the variant's name. */
    public IntervalChart row(String variant, double value, double low, double high, String colour) {
        return row(new Row(variant, variant, value, low, high, colour, null));
    }

    /** Adds a row. */
    public IntervalChart row(Row row) {
        rows.add(row);
        return this;
    }

    /** Adds a vertical reference line. */
    public IntervalChart line(double value, String label, String kind) {
        if (Double.isFinite(value)) {
            lines.add(new Line(value, label, kind));
        }
        return this;
    }

    /** Shades {@code low}..{@code high} across the plot (e.g. the ceiling's interval); ignored when undefined. */
    public IntervalChart band(double low, double high, String kind) {
        this.bandLow = low;
        this.bandHigh = high;
        this.bandKind = kind;
        return this;
    }

    /** Keeps 0 inside the axis (for differences, where the sign is the finding). */
    public IntervalChart includeZero() {
        this.includeZero = true;
        return this;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        double labelWidth = Labels.width(rows.stream().map(Row::label).toList(), 70, 210);
        double plotLeft = labelWidth;
        double plotRight = WIDTH - RIGHT;
        long labelled = lines.stream().filter(l -> l.label() != null).count();
        double plotTop = TITLE + LINE_LABEL * labelled + 6;
        double plotBottom = plotTop + ROW * Math.max(1, rows.size());
        double height = plotBottom + BOTTOM;
        boolean band = Double.isFinite(bandLow) && Double.isFinite(bandHigh);

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Double> extent = new ArrayList<>();
        for (Row r : rows) {
            extent.add(r.value());
            extent.add(r.low());
            extent.add(r.high());
        }
        lines.forEach(l -> extent.add(l.value()));
        if (band) {
            extent.add(bandLow);
            extent.add(bandHigh);
        }
        if (includeZero) {
            extent.add(0.0);
        }
        for (double v : extent) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        LinearScale x = LinearScale.nice(min, max, plotLeft, plotRight, 5);

        MarkupWriter svg = Marks.chart("chart interval-chart", metric, Math.round(height), title, axisLabel);
        if (band) {
            svg.open(
                            "rect",
                            "class",
                            "ref-band " + bandKind,
                            "x",
                            x.map(Math.min(bandLow, bandHigh)),
                            "y",
                            plotTop,
                            "width",
                            Math.max(1, Math.abs(x.map(bandHigh) - x.map(bandLow))),
                            "height",
                            plotBottom - plotTop,
                            "fill",
                            Palette.REFERENCE,
                            "fill-opacity",
                            0.12)
                    .element(
                            "title",
                            "interval of the " + bandKind + ": " + Labels.value(bandLow) + " to "
                                    + Labels.value(bandHigh))
                    .close("rect");
        }
        Axes.horizontal(svg, x, plotTop, plotBottom, axisLabel, (plotLeft + plotRight) / 2, height - 6);
        int labelIndex = 0;
        for (Line l : lines) {
            double lx = x.map(l.value());
            Marks.referenceLine(
                    svg, l.kind(), String.valueOf(l.value()), lx, plotTop, plotBottom, true, "data-metric", metric);
            if (l.label() != null) {
                double ly = TITLE + LINE_LABEL * labelIndex + 8;
                String anchor = lx > (plotLeft + plotRight) / 2 ? "end" : "start";
                svg.element(
                        "text",
                        l.label(),
                        "class",
                        "ref-label " + l.kind(),
                        "x",
                        anchor.equals("end") ? lx - 3 : lx + 3,
                        "y",
                        ly,
                        "text-anchor",
                        anchor,
                        "font-size",
                        11,
                        "fill",
                        "#333");
                labelIndex++;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = plotTop + ROW * i + ROW / 2.0;
            svg.open("g", "class", "row", "data-variant", r.variant());
            Marks.rowLabel(svg, r.label(), labelWidth - 8, cy);
            if (!Double.isFinite(r.value())) {
                Marks.undefinedNote(
                        svg, r.note() == null ? "undefined" : "undefined: " + r.note(), plotLeft + 6, cy + 4);
                svg.close("g");
                continue;
            }
            String tooltip = r.label() + ": " + Labels.value(r.value())
                    + (Double.isFinite(r.low()) && Double.isFinite(r.high())
                            ? Labels.interval(r.low(), r.high())
                            : " (no interval)");
            if (Double.isFinite(r.low()) && Double.isFinite(r.high())) {
                Marks.intervalBar(
                        svg,
                        r.low(),
                        r.high(),
                        x.map(r.low()),
                        x.map(r.high()),
                        cy,
                        r.colour(),
                        tooltip,
                        "data-variant",
                        r.variant(),
                        "data-metric",
                        metric);
            }
            svg.open(
                            "circle",
                            "class",
                            "mark point",
                            "data-variant",
                            r.variant(),
                            "data-metric",
                            metric,
                            "data-value",
                            String.valueOf(r.value()),
                            "cx",
                            x.map(r.value()),
                            "cy",
                            cy,
                            "r",
                            4.5,
                            "fill",
                            r.colour(),
                            "stroke",
                            "#fff",
                            "stroke-width",
                            1.0)
                    .element("title", tooltip)
                    .close("circle");
            svg.close("g");
        }
        svg.close("svg");
        return svg.toString();
    }
}
