package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * The two charts of the report's token-shift section that no other chart draws alike: the shares of unshifted,
 * marginal and shifted tokens per context as stacked horizontal bars, and the position profile — the shifted share in
 * each tenth of the answers — as one line per context. Plain Java; each chart is a standalone {@code <svg>}.
 *
 * <p>Marks carry classes and data attributes for tests and style sheets: bars {@code class="mark share <class>"} with
 * {@code data-context} and {@code data-value}; profile points {@code class="mark profile-point"} with {@code
 * data-context}, {@code data-bin} and {@code data-value}. A bin no token reached has no point (the line is broken
 * there), never a zero.
 */
public final class TokenShiftCharts {

    /** Colours of the shift classes: unshifted, marginal, shifted (Okabe–Ito green, orange, vermillion). */
    public static final List<String> CLASS_COLOURS = List.of("#009E73", "#E69F00", "#D55E00");

    /** Names of the shift classes, in {@link #CLASS_COLOURS}' order. */
    public static final List<String> CLASS_NAMES = List.of("unshifted", "marginal", "shifted");

    private static final int TITLE = 30;
    private static final int LEGEND = 18;
    private static final int ROW = 26;
    private static final int BOTTOM = 42;
    private static final int RIGHT = 24;

    private TokenShiftCharts() {}

    /**
     * One context's shares.
     *
     * @param context the context
     * @param shares the means of unshifted, marginal and shifted (each NaN when undefined)
     */
    public record Shares(String context, double[] shares) {}

    /**
     * One context's profile.
     *
     * @param context the context
     * @param colour its line's colour
     * @param shares per bin, the shifted share, or {@code null} for a bin no token reached
     */
    public record Profile(String context, String colour, List<Double> shares) {}

    /** The stacked share bars, one row per context. */
    public static String shares(List<Shares> rows) {
        double labelWidth = Labels.width(rows.stream().map(Shares::context).toList(), 70, 210);
        double plotLeft = labelWidth;
        double plotRight = IntervalChart.WIDTH - RIGHT;
        double plotTop = TITLE + LEGEND;
        double plotBottom = plotTop + ROW * Math.max(1, rows.size());
        double height = plotBottom + BOTTOM;
        LinearScale x = new LinearScale(0, 1, plotLeft, plotRight, 0.2);
        MarkupWriter svg = Marks.chart(
                "token-shift-shares", "token_shift", Math.round(height), "Tokens by shift class", "share of tokens");
        legend(svg, plotLeft, TITLE + 10);
        Axes.horizontal(
                svg,
                x,
                plotTop,
                plotBottom,
                "share of the answers' tokens (mean over prompts)",
                (plotLeft + plotRight) / 2,
                plotBottom + 34);
        for (int i = 0; i < rows.size(); i++) {
            Shares row = rows.get(i);
            double cy = plotTop + ROW * i + ROW / 2.0;
            svg.element(
                    "text",
                    Labels.shorten(row.context()),
                    "class",
                    "row-label",
                    "x",
                    plotLeft - 8,
                    "y",
                    cy + 4,
                    "text-anchor",
                    "end");
            double total = 0;
            for (double share : row.shares()) {
                total += Double.isNaN(share) ? 0 : share;
            }
            if (total <= 0) {
                Marks.undefinedNote(svg, "no scored answers", plotLeft + 6, cy + 4);
                continue;
            }
            // The three means need not sum to exactly 1 (each is a mean over its own defined prompts): draw each
            // from where the previous ended, scaled to the row's total, and say the exact means in the tooltips.
            double from = 0;
            for (int c = 0; c < CLASS_NAMES.size(); c++) {
                double share = Double.isNaN(row.shares()[c]) ? 0 : row.shares()[c] / total;
                double x1 = x.map(from);
                double x2 = x.map(from + share);
                svg.open(
                                "rect",
                                "class",
                                "mark share " + CLASS_NAMES.get(c),
                                "data-context",
                                row.context(),
                                "data-value",
                                String.valueOf(row.shares()[c]),
                                "x",
                                x1,
                                "y",
                                cy - 8,
                                "width",
                                Math.max(0, x2 - x1),
                                "height",
                                16.0,
                                "fill",
                                CLASS_COLOURS.get(c))
                        .element(
                                "title",
                                row.context() + ": " + CLASS_NAMES.get(c) + " " + Labels.value(row.shares()[c]))
                        .close("rect");
                from += share;
            }
        }
        return svg.close("svg").toString();
    }

    /** The position profile: shifted share by relative position, one line per context. */
    public static String profile(List<Profile> profiles) {
        int bins = profiles.isEmpty() ? 10 : profiles.get(0).shares().size();
        double max = 0;
        for (Profile p : profiles) {
            for (Double v : p.shares()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        double plotLeft = 60;
        double plotRight = IntervalChart.WIDTH - RIGHT;
        double plotTop = TITLE + LEGEND * Math.max(1, profiles.size());
        double plotBottom = plotTop + 180;
        double height = plotBottom + BOTTOM;
        LinearScale y = LinearScale.nice(0, max > 0 ? max : 0.1, plotBottom, plotTop, 5);
        LinearScale x = new LinearScale(0, 1, plotLeft, plotRight, 0.1);
        MarkupWriter svg = Marks.chart(
                "token-shift-profile",
                "token_shift_shifted",
                Math.round(height),
                "Where the shift sits",
                "shifted share by relative position in the answer");
        Axes.vertical(svg, y, plotLeft, plotRight, "shifted share");
        Axes.horizontal(
                svg,
                x,
                plotTop,
                plotBottom,
                "relative position in the answer (tenths)",
                (plotLeft + plotRight) / 2,
                plotBottom + 34);
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            double ly = TITLE + LEGEND * i + 8;
            svg.empty(
                    "line",
                    "class",
                    "legend-line",
                    "x1",
                    plotLeft,
                    "x2",
                    plotLeft + 18,
                    "y1",
                    ly,
                    "y2",
                    ly,
                    "stroke",
                    p.colour(),
                    "stroke-width",
                    2.5);
            svg.element("text", p.context(), "class", "legend-label", "x", plotLeft + 24, "y", ly + 4);
            List<String> segment = new ArrayList<>();
            for (int bin = 0; bin < bins; bin++) {
                Double v = p.shares().get(bin);
                if (v == null) {
                    line(svg, segment, p);
                    continue;
                }
                double cx = x.map((bin + 0.5) / bins);
                double cy = y.map(v);
                segment.add(MarkupWriter.num(cx) + "," + MarkupWriter.num(cy));
                svg.open(
                                "circle",
                                "class",
                                "mark profile-point",
                                "data-context",
                                p.context(),
                                "data-bin",
                                bin,
                                "data-value",
                                String.valueOf(v),
                                "cx",
                                cx,
                                "cy",
                                cy,
                                "r",
                                3.5,
                                "fill",
                                p.colour())
                        .element(
                                "title",
                                p.context() + ": " + (bin * 10) + "–" + ((bin + 1) * 10) + "% of the answer, "
                                        + Labels.value(v) + " shifted")
                        .close("circle");
            }
            line(svg, segment, p);
        }
        return svg.close("svg").toString();
    }

    private static void line(MarkupWriter svg, List<String> segment, Profile p) {
        if (segment.size() > 1) {
            svg.empty(
                    "polyline",
                    "class",
                    "profile-line",
                    "data-context",
                    p.context(),
                    "points",
                    String.join(" ", segment),
                    "fill",
                    "none",
                    "stroke",
                    p.colour(),
                    "stroke-width",
                    2.0);
        }
        segment.clear();
    }

    private static void legend(MarkupWriter svg, double left, double y) {
        double x = left;
        for (int c = 0; c < CLASS_NAMES.size(); c++) {
            svg.empty(
                    "rect",
                    "class",
                    "legend-swatch",
                    "x",
                    x,
                    "y",
                    y - 9,
                    "width",
                    10.0,
                    "height",
                    10.0,
                    "fill",
                    CLASS_COLOURS.get(c));
            svg.element(
                    "text",
                    CLASS_NAMES.get(c) + (c == 0 ? " (rank 1)" : c == 1 ? " (2–3)" : " (> 3)"),
                    "class",
                    "legend-label",
                    "x",
                    x + 14,
                    "y",
                    y);
            x += 120;
        }
    }
}
