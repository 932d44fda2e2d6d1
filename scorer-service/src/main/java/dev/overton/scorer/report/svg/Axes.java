package dev.overton.scorer.report.svg;

import dev.overton.scorer.report.MarkupWriter;

/** Draws the axes the charts share: ticks, their labels, light grid lines and the axis title. */
final class Axes {

    private Axes() {}

    /** A horizontal value axis under a plot spanning {@code top}..{@code bottom}, with vertical grid lines. */
    static void horizontal(
            MarkupWriter svg, LinearScale x, double top, double bottom, String label, double labelX, double labelY) {
        svg.open("g", "class", "axis x-axis");
        for (double tick : x.ticks()) {
            double tx = x.map(tick);
            svg.empty("line", "class", "grid", "x1", tx, "x2", tx, "y1", top, "y2", bottom, "stroke", "#e6e6e6");
            tickLabel(svg, x.label(tick), tx, bottom + 15, "middle");
        }
        axisLine(svg, x.rangeLow(), x.rangeHigh(), bottom, bottom);
        title(svg, label, labelX, labelY);
        svg.close("g");
    }

    /**
     * The base line of a plot whose x positions are categories (bins, windows), spanning {@code left}..{@code right} at
     * {@code bottom}, with its title (if any) centred below at {@code labelY}.
     */
    static void base(MarkupWriter svg, double left, double right, double bottom, String label, double labelY) {
        axisLine(svg, left, right, bottom, bottom);
        title(svg, label, (left + right) / 2, labelY);
    }

    private static void title(MarkupWriter svg, String label, double x, double y) {
        if (label == null) {
            return;
        }
        svg.element("text", label, "class", "axis-label", "x", x, "y", y, "text-anchor", "middle", "fill", "#333");
    }

    /** A vertical value axis left of a plot spanning {@code left}..{@code right}, with horizontal grid lines. */
    static void vertical(MarkupWriter svg, LinearScale y, double left, double right, String label) {
        svg.open("g", "class", "axis y-axis");
        for (double tick : y.ticks()) {
            double ty = y.map(tick);
            svg.empty("line", "class", "grid", "x1", left, "x2", right, "y1", ty, "y2", ty, "stroke", "#e6e6e6");
            tickLabel(svg, y.label(tick), left - 6, ty + 4, "end");
        }
        axisLine(svg, left, left, y.rangeLow(), y.rangeHigh());
        if (label != null) {
            double cy = (y.rangeLow() + y.rangeHigh()) / 2;
            svg.element(
                    "text",
                    label,
                    "class",
                    "axis-label",
                    "x",
                    14.0,
                    "y",
                    cy,
                    "text-anchor",
                    "middle",
                    "transform",
                    "rotate(-90 14 " + MarkupWriter.num(cy) + ")",
                    "fill",
                    "#333");
        }
        svg.close("g");
    }

    private static void tickLabel(MarkupWriter svg, String text, double x, double y, String anchor) {
        svg.element(
                "text",
                text,
                "class",
                "tick-label",
                "x",
                x,
                "y",
                y,
                "text-anchor",
                anchor,
                "fill",
                "#555",
                "font-size",
                11);
    }

    private static void axisLine(MarkupWriter svg, double x1, double x2, double y1, double y2) {
        svg.empty("line", "class", "axis-line", "x1", x1, "x2", x2, "y1", y1, "y2", y2, "stroke", "#999");
    }
}
