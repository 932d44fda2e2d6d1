package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * The marks several charts draw alike: the chart's opening {@code <svg>} with its title, the note in place of an
 * undefined row, a row's label, a reference line, and a 95% interval bar with its caps. One drawing each, so that the charts look, and are found by the
 * page's tests and styles (their classes), the same way.
 */
final class Marks {

    private Marks() {}

    /**
     * A new chart {@code <svg>} of class {@code chartClass}, {@link IntervalChart#WIDTH} wide and {@code height} high,
     * with {@code title} as its tooltip (with the axis label in brackets, if any) and heading; the caller closes it.
     */
    static MarkupWriter chart(String chartClass, String metric, long height, String title, String axisLabel) {
        return chart(chartClass, metric, IntervalChart.WIDTH, height, title, axisLabel);
    }

    /** A new chart {@code <svg>} as {@link #chart(String, String, long, String, String)}, {@code width} wide. */
    static MarkupWriter chart(
            String chartClass, String metric, int width, long height, String title, String axisLabel) {
        MarkupWriter svg = svg(chartClass, metric, width, height);
        svg.element("title", title + (axisLabel == null ? "" : " (" + axisLabel + ")"));
        svg.element("text", title, "class", "chart-title", "x", 8.0, "y", 18.0, "font-weight", "bold", "font-size", 13);
        return svg;
    }

    /** A new {@code <svg>} root of class {@code chartClass}, {@code width} by {@code height}; the caller closes it. */
    static MarkupWriter svg(String chartClass, String metric, int width, double height) {
        MarkupWriter svg = new MarkupWriter();
        svg.open(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "class",
                chartClass,
                "data-metric",
                metric,
                "width",
                width,
                "height",
                height,
                "viewBox",
                "0 0 " + width + " " + MarkupWriter.num(height),
                "role",
                "img",
                "font-family",
                "system-ui, sans-serif",
                "font-size",
                12);
        return svg;
    }

    /**
     * A row's label ending at {@code x}, on the row whose centre line is {@code cy}: shortened to fit, with the whole
     * label as its tooltip.
     */
    static void rowLabel(MarkupWriter svg, String label, double x, double cy) {
        svg.open("text", "class", "row-label", "x", x, "y", cy + 4, "text-anchor", "end")
                .text(Labels.shorten(label))
                .element("title", label)
                .close("text");
    }

    /** The italic note written in a row's plot area instead of its marks (an undefined value, no values). */
    static void undefinedNote(MarkupWriter svg, String note, double x, double y) {
        svg.element("text", note, "class", "undefined-note", "x", x, "y", y, "fill", "#777", "font-style", "italic");
    }

    /**
     * A vertical reference line of class {@code ref-line <kind>} at {@code x}, the pixel of {@code value} (written as
     * its {@code data-value}), from just above the plot's {@code top} to its {@code bottom}; {@code dashed} for a line
     * that marks a level to compare with rather than the plot's zero. {@code data} are further {@code data-*}
     * attributes (name, value, ...), written after its value.
     */
    static void referenceLine(
            MarkupWriter svg,
            String kind,
            String value,
            double x,
            double top,
            double bottom,
            boolean dashed,
            Object... data) {
        List<Object> attributes = new ArrayList<>(List.of("class", "ref-line " + kind, "data-value", value));
        attributes.addAll(Arrays.asList(data));
        attributes.addAll(
                List.of("x1", x, "x2", x, "y1", top - 4, "y2", bottom, "stroke", "#333", "stroke-width", 1.5));
        if (dashed) {
            attributes.addAll(List.of("stroke-dasharray", "5 3"));
        }
        svg.empty("line", attributes.toArray());
    }

    /**
     * A horizontal 95% interval from {@code x1} to {@code x2} at height {@code cy}, with {@code tooltip}, and its end
     * caps. {@code data} are the bar's {@code data-*} attributes (name, value, ...), written before its low and high.
     */
    static void intervalBar(
            MarkupWriter svg,
            double low,
            double high,
            double x1,
            double x2,
            double cy,
            String colour,
            String tooltip,
            Object... data) {
        bar(svg, low, high, x1, cy, x2, cy, colour, tooltip, data);
    }

    /**
     * A vertical 95% interval at {@code cx} from {@code yLow} (the pixel of {@code low}) to {@code yHigh}, with {@code
     * tooltip} and its end caps: the same mark as {@link #intervalBar}, for charts whose values run up the page.
     */
    static void verticalIntervalBar(
            MarkupWriter svg,
            double low,
            double high,
            double cx,
            double yLow,
            double yHigh,
            String colour,
            String tooltip,
            Object... data) {
        bar(svg, low, high, cx, yLow, cx, yHigh, colour, tooltip, data);
    }

    private static void bar(
            MarkupWriter svg,
            double low,
            double high,
            double x1,
            double y1,
            double x2,
            double y2,
            String colour,
            String tooltip,
            Object[] data) {
        List<Object> attributes = new ArrayList<>(List.of("class", "mark ci-bar"));
        attributes.addAll(Arrays.asList(data));
        attributes.addAll(List.of(
                "data-low",
                String.valueOf(low),
                "data-high",
                String.valueOf(high),
                "x1",
                x1,
                "x2",
                x2,
                "y1",
                y1,
                "y2",
                y2,
                "stroke",
                colour,
                "stroke-width",
                2.5));
        svg.open("line", attributes.toArray()).element("title", tooltip).close("line");
        boolean horizontal = y1 == y2;
        for (int end = 0; end < 2; end++) {
            double cx = end == 0 ? x1 : x2;
            double cy = end == 0 ? y1 : y2;
            svg.empty(
                    "line",
                    "class",
                    "ci-cap",
                    "x1",
                    horizontal ? cx : cx - 5,
                    "x2",
                    horizontal ? cx : cx + 5,
                    "y1",
                    horizontal ? cy - 5 : cy,
                    "y2",
                    horizontal ? cy + 5 : cy,
                    "stroke",
                    colour,
                    "stroke-width",
                    2.0);
        }
    }
}
