package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.overton.scorer.report.MarkupWriter;

/**
 * A grouped histogram: for each bin, one bar per variant, its height the share of that variant's values in the bin (so
 * variants with different numbers of values compare). Integer-valued data over a short range (judge scores 1–5) get
 * one bin per integer; other data ten equal-width bins over the observed range, the last bin closed on the right.
 *
 * <p>Marks: {@code class="mark hist-bar"} with {@code data-variant}, {@code data-metric}, {@code data-bin} (the bin's
 * label) and {@code data-count}; empty bins are drawn too (height 0), so the bar count is bins × variants.
 */
public final class HistogramChart {

    private static final int PLOT_HEIGHT = 168;
    private static final int LEGEND_ROW = 15;
    private static final int BOTTOM = 44;
    private static final int LEFT = 58;
    private static final int RIGHT = 16;
    private static final int EQUAL_BINS = 10;
    private static final int MAX_INTEGER_BINS = 12;

    /**
     * One variant's values.
     *
     * @param variant the variant
     * @param values its values (non-finite ones are ignored)
     * @param colour its bars' colour
     */
    public record Series(String variant, double[] values, String colour) {}

    /**
     * One bin: {@code [low, high)}, the last one {@code [low, high]}.
     *
     * @param low lower edge
     * @param high upper edge
     * @param label the bin's label
     */
    public record Bin(double low, double high, String label) {}

    private final String metric;
    private final String title;
    private final String axisLabel;
    private final List<Series> series = new ArrayList<>();

    /**
     * @param metric the metric drawn
     * @param title the chart's title
     * @param axisLabel the x axis' label
     */
    public HistogramChart(String metric, String title, String axisLabel) {
        this.metric = metric;
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** Adds a variant's values. */
    public HistogramChart series(String variant, double[] values, String colour) {
        series.add(new Series(
                variant, Arrays.stream(values).filter(Double::isFinite).toArray(), colour));
        return this;
    }

    /** The bins for {@code values}: one per integer for short integer ranges, else ten equal-width bins. */
    public static List<Bin> bins(double[] values) {
        List<Bin> bins = new ArrayList<>();
        if (values.length == 0) {
            return bins;
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        boolean integers = Arrays.stream(values).allMatch(v -> v == Math.rint(v));
        if (integers && max - min < MAX_INTEGER_BINS) {
            for (long i = (long) min; i <= (long) max; i++) {
                bins.add(new Bin(i - 0.5, i + 0.5, String.valueOf(i)));
            }
            return bins;
        }
        if (max == min) {
            bins.add(new Bin(min, max, Labels.value(min)));
            return bins;
        }
        double width = (max - min) / EQUAL_BINS;
        for (int i = 0; i < EQUAL_BINS; i++) {
            double low = min + i * width;
            double high = i == EQUAL_BINS - 1 ? max : min + (i + 1) * width;
            bins.add(new Bin(low, high, Labels.value(low) + "–" + Labels.value(high)));
        }
        return bins;
    }

    /** How many of {@code values} fall in each of {@code bins}. */
    public static int[] counts(double[] values, List<Bin> bins) {
        int[] counts = new int[bins.size()];
        for (double v : values) {
            for (int b = 0; b < bins.size(); b++) {
                Bin bin = bins.get(b);
                boolean last = b == bins.size() - 1;
                if (v >= bin.low() && (v < bin.high() || (last && v <= bin.high()))) {
                    counts[b]++;
                    break;
                }
            }
        }
        return counts;
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        double[] all =
                series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).toArray();
        List<Bin> bins = bins(all);
        double plotLeft = LEFT;
        double plotRight = IntervalChart.WIDTH - RIGHT;
        List<String> legendTexts = new ArrayList<>();
        List<double[]> legendAt = new ArrayList<>();
        double legendX = 8;
        int legendRow = 0;
        for (Series s : series) {
            String text = Labels.shorten(s.variant()) + " (n = " + s.values().length + ")";
            double width = 14 + text.length() * 6.2 + 14;
            if (legendX > 8 && legendX + width > IntervalChart.WIDTH) {
                legendX = 8;
                legendRow++;
            }
            legendTexts.add(text);
            legendAt.add(new double[] {legendX, 28 + legendRow * LEGEND_ROW});
            legendX += width;
        }
        double plotTop = 28 + (legendRow + 1) * LEGEND_ROW + 12;
        double plotBottom = plotTop + PLOT_HEIGHT;
        int height = (int) Math.round(plotBottom + BOTTOM);
        List<double[]> shares = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        double maxShare = 0;
        for (Series s : series) {
            int[] c = counts(s.values(), bins);
            double[] share = new double[c.length];
            for (int b = 0; b < c.length; b++) {
                share[b] = s.values().length == 0 ? 0 : (double) c[b] / s.values().length;
                maxShare = Math.max(maxShare, share[b]);
            }
            counts.add(c);
            shares.add(share);
        }
        LinearScale y = LinearScale.nice(0, Math.max(maxShare, 0.1), plotBottom, plotTop, 5);

        MarkupWriter svg = Marks.chart("chart histogram-chart", metric, height, title, axisLabel);
        svg.open("g", "class", "legend");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[] at = legendAt.get(i);
            svg.open("g", "class", "legend-item", "data-variant", s.variant());
            svg.empty("rect", "x", at[0], "y", at[1], "width", 10.0, "height", 10.0, "fill", s.colour());
            svg.element("text", legendTexts.get(i), "x", at[0] + 14, "y", at[1] + 9, "font-size", 11, "fill", "#333");
            svg.close("g");
        }
        svg.close("g");
        Axes.vertical(svg, y, plotLeft, plotRight, "share");
        if (bins.isEmpty()) {
            Marks.undefinedNote(svg, "no values", plotLeft + 8, (plotTop + plotBottom) / 2);
        }
        double binWidth = bins.isEmpty() ? 0 : (plotRight - plotLeft) / bins.size();
        double barWidth = series.isEmpty() ? 0 : binWidth * 0.8 / series.size();
        for (int b = 0; b < bins.size(); b++) {
            double bx = plotLeft + b * binWidth;
            svg.element(
                    "text",
                    bins.get(b).label(),
                    "class",
                    "tick-label",
                    "x",
                    bx + binWidth / 2,
                    "y",
                    plotBottom + 15,
                    "text-anchor",
                    "middle",
                    "fill",
                    "#555",
                    "font-size",
                    bins.size() > 6 ? 9 : 11);
            for (int s = 0; s < series.size(); s++) {
                Series ser = series.get(s);
                double share = shares.get(s)[b];
                double top = y.map(share);
                svg.open(
                                "rect",
                                "class",
                                "mark hist-bar",
                                "data-variant",
                                ser.variant(),
                                "data-metric",
                                metric,
                                "data-bin",
                                bins.get(b).label(),
                                "data-count",
                                counts.get(s)[b],
                                "x",
                                bx + binWidth * 0.1 + s * barWidth,
                                "y",
                                top,
                                "width",
                                Math.max(1, barWidth - 1),
                                "height",
                                Math.max(0, plotBottom - top),
                                "fill",
                                ser.colour())
                        .element(
                                "title",
                                ser.variant() + ", " + bins.get(b).label() + ": " + counts.get(s)[b] + " of "
                                        + ser.values().length)
                        .close("rect");
            }
        }
        Axes.base(svg, plotLeft, plotRight, plotBottom, axisLabel, height - 6.0);
        svg.close("svg");
        return svg.toString();
    }
}
