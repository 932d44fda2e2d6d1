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
            svg.element(
                    "text",
                    x.label(tick),
                    "class",
                    "tick-label",
                    "x",
                    tx,
                    "y",
                    bottom + 15,
                    "text-anchor",
                    "middle",
                    "fill",
                    "#555",
                    "font-size",
                    11);
        }
        svg.empty(
                "line",
                "class",
                "axis-line",
                "x1",
                x.rangeLow(),
                "x2",
                x.rangeHigh(),
                "y1",
                bottom,
                "y2",
                bottom,
                "stroke",
                "#999");
        if (label != null) {
            svg.element(
                    "text",
                    label,
                    "class",
                    "axis-label",
                    "x",
                    labelX,
                    "y",
                    labelY,
                    "text-anchor",
                    "middle",
                    "fill",
                    "#333");
        }
        svg.close("g");
    }

    /** A vertical value axis left of a plot spanning {@code left}..{@code right}, with horizontal grid lines. */
    static void vertical(MarkupWriter svg, LinearScale y, double left, double right, String label) {
        svg.open("g", "class", "axis y-axis");
        for (double tick : y.ticks()) {
            double ty = y.map(tick);
            svg.empty("line", "class", "grid", "x1", left, "x2", right, "y1", ty, "y2", ty, "stroke", "#e6e6e6");
            svg.element(
                    "text",
                    y.label(tick),
                    "class",
                    "tick-label",
                    "x",
                    left - 6,
                    "y",
                    ty + 4,
                    "text-anchor",
                    "end",
                    "fill",
                    "#555",
                    "font-size",
                    11);
        }
        svg.empty(
                "line",
                "class",
                "axis-line",
                "x1",
                left,
                "x2",
                left,
                "y1",
                y.rangeLow(),
                "y2",
                y.rangeHigh(),
                "stroke",
                "#999");
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
}
