package dev.overton.scorer.report.svg;

import static dev.overton.scorer.report.svg.TrendChart.ALARM;
import static dev.overton.scorer.report.svg.TrendChart.CLEARED;
import static dev.overton.scorer.report.svg.TrendChart.LEFT;
import static dev.overton.scorer.report.svg.TrendChart.MARK_ROW;
import static dev.overton.scorer.report.svg.TrendChart.PLOT_HEIGHT;
import static dev.overton.scorer.report.svg.TrendChart.RIGHT;
import static dev.overton.scorer.report.svg.TrendChart.TOP;
import static dev.overton.scorer.report.svg.TrendChart.WIDTH;

import java.util.Comparator;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * The alarms of a {@link TrendChart}: where each one's shaded span runs, the row of ▼/▲ marks per alarmed variant above
 * the plot, and what a window's tooltip says about them. Kept apart from the chart's points and axes, whose geometry
 * ({@link TrendChart#columnX}) it shares.
 *
 * @param metric the chart's metric (data attribute of the marks)
 * @param windows the chart's windows, oldest first
 * @param legend the variants in legend order
 * @param alarms the alarms on the metric
 */
record TrendAlarms(String metric, List<TrendChart.Window> windows, List<String> legend, List<TrendChart.Alarm> alarms) {

    /** The variants with an alarm, in legend order (those not in the legend last): one row of marks each. */
    List<String> variants() {
        return alarms.stream()
                .map(TrendChart.Alarm::variant)
                .distinct()
                .sorted(Comparator.comparingInt(v -> legend.contains(v) ? legend.indexOf(v) : legend.size()))
                .toList();
    }

    /**
     * The horizontal extent of {@code alarm}'s span, {@code {from, to}} in pixels, or {@code null} when none of it is
     * among the windows drawn: from the left edge of its raising window's column (or of the first later window drawn,
     * when that one is gone) to the left edge of its clearing window's column, or the plot's right edge while open.
     */
    double[] span(TrendChart.Alarm alarm) {
        double from = edgeAtOrAfter(alarm.raised());
        double to = alarm.cleared() == null ? WIDTH - RIGHT : edgeAtOrAfter(alarm.cleared());
        return from < to ? new double[] {from, to} : null;
    }

    /** What the alarms raised or cleared at {@code window} add to its tooltip, one line each. */
    String notes(int window) {
        StringBuilder notes = new StringBuilder();
        for (TrendChart.Alarm a : alarms) {
            if (a.raised() == window || Integer.valueOf(window).equals(a.cleared())) {
                notes.append('\n').append(a.note());
            }
        }
        return notes.toString();
    }

    /** Each alarm's span, shaded over the plot below {@code plotTop}. */
    void drawSpans(MarkupWriter svg, double plotTop) {
        for (TrendChart.Alarm a : alarms) {
            double[] span = span(a);
            if (span != null) {
                svg.open(
                                "rect",
                                "class",
                                "alarm-span " + (a.cleared() == null ? "open" : "cleared"),
                                "data-variant",
                                a.variant(),
                                "data-raised",
                                a.raised(),
                                "data-cleared",
                                a.cleared(),
                                "x",
                                span[0],
                                "y",
                                plotTop,
                                "width",
                                span[1] - span[0],
                                "height",
                                PLOT_HEIGHT,
                                "fill",
                                ALARM,
                                "fill-opacity",
                                0.1)
                        .element("title", a.note())
                        .close("rect");
            }
        }
    }

    /** ▼ where an alarm was raised, green ▲ where it cleared, in its variant's row above the plot. */
    void drawMarks(MarkupWriter svg) {
        List<String> rows = variants();
        for (TrendChart.Alarm a : alarms) {
            double y = TOP + MARK_ROW * rows.indexOf(a.variant()) + MARK_ROW / 2;
            int raised = indexOf(a.raised());
            if (raised >= 0) {
                double x = TrendChart.columnX(raised, windows.size(), LEFT, WIDTH - RIGHT);
                triangle(svg, "mark alarm-raised", a, a.raised(), x, y, true, ALARM);
            }
            int cleared = a.cleared() == null ? -1 : indexOf(a.cleared());
            if (cleared >= 0) {
                double x = TrendChart.columnX(cleared, windows.size(), LEFT, WIDTH - RIGHT);
                triangle(svg, "mark alarm-cleared", a, a.cleared(), x, y, false, CLEARED);
            }
        }
    }

    private void triangle(
            MarkupWriter svg,
            String css,
            TrendChart.Alarm a,
            int window,
            double x,
            double y,
            boolean down,
            String colour) {
        double tip = down ? 5 : -5;
        String path = "M" + MarkupWriter.num(x - 5) + " " + MarkupWriter.num(y - tip) + " L" + MarkupWriter.num(x + 5)
                + " " + MarkupWriter.num(y - tip) + " L" + MarkupWriter.num(x) + " " + MarkupWriter.num(y + tip) + " Z";
        svg.open(
                        "path",
                        "class",
                        css,
                        "data-variant",
                        a.variant(),
                        "data-metric",
                        metric,
                        "data-window",
                        window,
                        "d",
                        path,
                        "fill",
                        colour,
                        "stroke",
                        "#fff",
                        "stroke-width",
                        1.0)
                .element("title", a.note())
                .close("path");
    }

    private int indexOf(int window) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).number() == window) {
                return i;
            }
        }
        return -1;
    }

    /** The left edge of the first drawn window numbered {@code window} or later; the right edge when there is none. */
    private double edgeAtOrAfter(int window) {
        double column = (WIDTH - RIGHT - LEFT) / Math.max(1, windows.size());
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).number() >= window) {
                return TrendChart.columnX(i, windows.size(), LEFT, WIDTH - RIGHT) - column / 2;
            }
        }
        return WIDTH - RIGHT;
    }
}
