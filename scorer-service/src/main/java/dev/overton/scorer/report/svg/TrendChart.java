package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.scorer.report.MarkupWriter;

/**
 * One metric of a monitor over its windows: windows left to right (oldest first, evenly spaced, each labelled with its
 * run's label), per variant the window's mean as a dot with its 95% interval as a vertical bar, the means joined by a
 * line; the baseline window shaded grey, every alarm shaded vermillion from the window that raised it to the one that
 * cleared it (to the right edge while open), with a ▼ at the raising window and a green ▲ at the clearing one. Each
 * window's column, marks and axis label are one link to the window's run report, so a reader clicks the point that
 * looks wrong and lands on the run behind it; no script is involved.
 *
 * <p>Marks carry stable classes and data attributes for tests and style sheets: {@code a.window-link} with {@code
 * data-window} and {@code data-run}; {@code class="mark point"} (plus {@code provisional} for a window still being
 * scored) and {@code class="mark ci-bar"} with {@code data-variant} and {@code data-window}; {@code rect.baseline-band};
 * {@code rect.alarm-span} ({@code open} or {@code cleared}); {@code class="mark alarm-raised"} and {@code class="mark
 * alarm-cleared"}.
 */
public final class TrendChart {

    /** Width of a trend chart: wider than the report's charts, as windows accumulate. */
    public static final int WIDTH = 960;

    /** Colour of an alarm's span and of its ▼. */
    public static final String ALARM = Palette.REFERENCE;

    /** Colour of an alarm's ▲ where it cleared. */
    public static final String CLEARED = "#009E73";

    static final double LEFT = 70;
    static final double RIGHT = 24;
    static final double TOP = 44;

    /** Height of a row of alarm marks above the plot, one row per variant with an alarm on the metric. */
    static final double MARK_ROW = 12;

    static final double PLOT_HEIGHT = 240;
    static final double BOTTOM = 104;

    /** Axis labels are this many pixels apart at least; between them, windows go unlabelled. */
    static final double LABEL_SPACING = 16;

    /** Axis labels longer than this are shortened (the full label is in the tooltip). */
    static final int MAX_TICK_LABEL = 16;

    /**
     * A window on the x axis.
     *
     * @param number the window's number
     * @param label the axis label (the run's label, or {@code #k})
     * @param tooltip what hovering the window says (number, label, run, time)
     * @param runId the window's run
     * @param href link to the run's report, or {@code null} when there is none
     * @param baseline whether it is the baseline
     * @param scored whether its figures are final
     */
    public record Window(
            int number, String label, String tooltip, String runId, String href, boolean baseline, boolean scored) {}

    /**
     * A variant's estimate in a window.
     *
     * @param variant the variant
     * @param window the window's number
     * @param mean the mean
     * @param low the interval's lower bound, or NaN
     * @param high the interval's upper bound, or NaN
     * @param n prompts the mean rests on
     */
    public record Point(String variant, int window, double mean, double low, double high, int n) {}

    /**
     * An alarm of a variant on this metric.
     *
     * @param variant the variant
     * @param raised the window that raised it
     * @param cleared the window that cleared it, or {@code null} while open
     * @param note what hovering it says
     */
    public record Alarm(String variant, int raised, Integer cleared, String note) {}

    private final String metric;
    private final String title;
    private final String axisLabel;
    private final Map<String, String> colours;
    private final List<Window> windows = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final Map<String, Map<Integer, Point>> byVariant = new LinkedHashMap<>();
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * @param metric the metric drawn (data attribute of the chart and its marks)
     * @param title the chart's title
     * @param axisLabel the y axis' label (direction)
     * @param colours a colour per variant, in legend order
     */
    public TrendChart(String metric, String title, String axisLabel, Map<String, String> colours) {
        this.metric = metric;
        this.title = title;
        this.axisLabel = axisLabel;
        this.colours = new LinkedHashMap<>(colours);
    }

    /** Adds a window; windows are drawn in the order added (oldest first). */
    public TrendChart window(Window window) {
        windows.add(window);
        return this;
    }

    /** Adds a variant's estimate in a window added before or after; an undefined mean is not drawn. */
    public TrendChart point(Point point) {
        if (Double.isFinite(point.mean())) {
            points.add(point);
            byVariant
                    .computeIfAbsent(point.variant(), v -> new LinkedHashMap<>())
                    .put(point.window(), point);
        }
        return this;
    }

    /** Adds an alarm. */
    public TrendChart alarm(Alarm alarm) {
        alarms.add(alarm);
        return this;
    }

    /** The centre of the {@code index}-th of {@code count} evenly spaced columns between {@code left} and right. */
    static double columnX(int index, int count, double left, double right) {
        double column = (right - left) / Math.max(1, count);
        return left + column * (index + 0.5);
    }

    /**
     * How far the {@code variant}-th of {@code variants} series is shifted from its column's centre so that intervals
     * of different variants in one window do not hide each other: symmetric around the centre, at most 8 px apart,
     * and together never wider than 60% of the column.
     */
    static double dodge(int variant, int variants, double column) {
        if (variants <= 1) {
            return 0;
        }
        double gap = Math.min(8, column * 0.6 / variants);
        return (variant - (variants - 1) / 2.0) * gap;
    }

    /** Every how many windows an axis label is written, so that labels stay {@link #LABEL_SPACING} apart. */
    static int labelStride(int count, double plotWidth) {
        double column = plotWidth / Math.max(1, count);
        return Math.max(1, (int) Math.ceil(LABEL_SPACING / column));
    }

    /** The y scale: every mean and interval bound of the points, widened to nice ticks, up the page. */
    LinearScale yScale() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            for (double v : new double[] {p.mean(), p.low(), p.high()}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return LinearScale.nice(min, max, plotTop() + PLOT_HEIGHT, plotTop(), 5);
    }

    /**
     * The top of the plot: below the title, and below a row of alarm marks per variant with an alarm, so that the marks
     * never cover a point (nor its link).
     */
    double plotTop() {
        return TOP + MARK_ROW * alarms().variants().size();
    }

    /**
     * The attributes of a rectangle of class {@code cssClass} over the plot's height in the window column of width
     * {@code column} centred at {@code cx}, black at {@code opacity} (0 for one that is only there to be pointed at);
     * {@code data} are its {@code data-*} attributes (name, value, ...), written after its class.
     */
    private Object[] columnRect(String cssClass, double cx, double column, double opacity, Object... data) {
        List<Object> attributes = new ArrayList<>(List.of("class", cssClass));
        attributes.addAll(Arrays.asList(data));
        attributes.addAll(List.of(
                "x",
                cx - column / 2,
                "y",
                plotTop(),
                "width",
                column,
                "height",
                PLOT_HEIGHT,
                "fill",
                "#000",
                "fill-opacity",
                opacity));
        return attributes.toArray();
    }

    /** {@code alarm}'s span in pixels, {@code {from, to}}, or {@code null} (see {@link TrendAlarms#span}). */
    double[] span(Alarm alarm) {
        return alarms().span(alarm);
    }

    private TrendAlarms alarms() {
        return new TrendAlarms(metric, windows, new ArrayList<>(colours.keySet()), alarms);
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        double plotTop = plotTop();
        double plotBottom = plotTop + PLOT_HEIGHT;
        double height = plotBottom + BOTTOM;
        double column = (plotRight - plotLeft) / Math.max(1, windows.size());
        List<String> variants = new ArrayList<>(colours.keySet());
        LinearScale y = yScale();

        MarkupWriter svg = Marks.chart("chart trend-chart", metric, WIDTH, Math.round(height), title, axisLabel);
        legend(svg, variants);
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (w.baseline()) {
                double cx = columnX(i, windows.size(), plotLeft, plotRight);
                svg.open("rect", columnRect("baseline-band", cx, column, 0.07, "data-window", w.number()))
                        .element("title", "baseline: " + w.tooltip())
                        .close("rect");
                svg.element(
                        "text",
                        "baseline",
                        "class",
                        "baseline-label",
                        "x",
                        cx,
                        "y",
                        TOP - 5,
                        "text-anchor",
                        "middle",
                        "font-size",
                        10,
                        "fill",
                        "#555");
            }
        }
        alarms().drawSpans(svg, plotTop);
        Axes.vertical(svg, y, plotLeft, plotRight, axisLabel);
        Axes.base(svg, plotLeft, plotRight, plotBottom, "window (run label)", height - 6);
        if (points.isEmpty()) {
            Marks.undefinedNote(svg, "no values of " + metric + " in these windows", plotLeft + 8, plotTop + 20);
        }
        lines(svg, variants, y, column);
        int stride = labelStride(windows.size(), plotRight - plotLeft);
        for (int i = 0; i < windows.size(); i++) {
            window(
                    svg,
                    i,
                    variants,
                    y,
                    column,
                    i % stride == 0 || windows.get(i).baseline());
        }
        alarms().drawMarks(svg);
        svg.close("svg");
        return svg.toString();
    }

    private void legend(MarkupWriter svg, List<String> variants) {
        double x = WIDTH - RIGHT;
        for (int i = variants.size() - 1; i >= 0; i--) {
            String name = Labels.shorten(variants.get(i));
            x -= 16 + name.length() * 6.8 + 10;
            svg.open("g", "class", "legend-entry", "data-variant", variants.get(i));
            svg.empty("circle", "cx", x + 5, "cy", 14.0, "r", 4.5, "fill", colours.get(variants.get(i)));
            svg.element("text", name, "x", x + 14, "y", 18.0, "fill", "#333");
            svg.close("g");
        }
    }

    /** A line per variant through its means, broken where a window has none. */
    private void lines(MarkupWriter svg, List<String> variants, LinearScale y, double column) {
        for (int v = 0; v < variants.size(); v++) {
            String variant = variants.get(v);
            List<String> segment = new ArrayList<>();
            for (int i = 0; i <= windows.size(); i++) {
                Point p = i < windows.size() ? find(variant, windows.get(i).number()) : null;
                if (p != null) {
                    double x = columnX(i, windows.size(), LEFT, WIDTH - RIGHT) + dodge(v, variants.size(), column);
                    segment.add(MarkupWriter.num(x) + "," + MarkupWriter.num(y.map(p.mean())));
                    continue;
                }
                if (segment.size() > 1) {
                    svg.empty(
                            "polyline",
                            "class",
                            "trend-line",
                            "data-variant",
                            variant,
                            "points",
                            String.join(" ", segment),
                            "fill",
                            "none",
                            "stroke",
                            colours.get(variant),
                            "stroke-width",
                            1.5,
                            "stroke-opacity",
                            0.7);
                }
                segment.clear();
            }
        }
    }

    /** One window: a link around its column, its variants' marks and its axis label. */
    private void window(
            MarkupWriter svg, int index, List<String> variants, LinearScale y, double column, boolean labelled) {
        Window w = windows.get(index);
        double cx = columnX(index, windows.size(), LEFT, WIDTH - RIGHT);
        String tag = w.href() == null ? "g" : "a";
        svg.open(tag, "class", "window-link", "href", w.href(), "data-window", w.number(), "data-run", w.runId());
        svg.element("title", w.tooltip() + alarms().notes(w.number()));
        svg.empty("rect", columnRect("window-hit", cx, column, 0.0));
        for (int v = 0; v < variants.size(); v++) {
            Point p = find(variants.get(v), w.number());
            if (p != null) {
                point(svg, p, cx + dodge(v, variants.size(), column), y, colours.get(p.variant()), w);
            }
        }
        if (labelled) {
            double ty = plotTop() + PLOT_HEIGHT + 14;
            String label =
                    w.label().length() <= MAX_TICK_LABEL ? w.label() : w.label().substring(0, MAX_TICK_LABEL - 1) + "…";
            svg.element(
                    "text",
                    label,
                    "class",
                    "tick-label window-label",
                    "x",
                    cx,
                    "y",
                    ty,
                    "text-anchor",
                    "end",
                    "transform",
                    "rotate(-40 " + MarkupWriter.num(cx) + " " + MarkupWriter.num(ty) + ")",
                    "fill",
                    "#555",
                    "font-size",
                    11);
        }
        svg.close(tag);
    }

    private static void point(MarkupWriter svg, Point p, double x, LinearScale y, String colour, Window w) {
        boolean interval = Double.isFinite(p.low()) && Double.isFinite(p.high());
        String tooltip = p.variant() + " · " + w.label() + ": " + Labels.value(p.mean())
                + (interval ? Labels.interval(p.low(), p.high()) : "")
                + ", n = " + p.n() + (w.scored() ? "" : " (still being scored)");
        if (interval) {
            Marks.verticalIntervalBar(
                    svg,
                    p.low(),
                    p.high(),
                    x,
                    y.map(p.low()),
                    y.map(p.high()),
                    colour,
                    tooltip,
                    "data-variant",
                    p.variant(),
                    "data-window",
                    p.window());
        }
        svg.open(
                        "circle",
                        "class",
                        w.scored() ? "mark point" : "mark point provisional",
                        "data-variant",
                        p.variant(),
                        "data-window",
                        p.window(),
                        "data-value",
                        String.valueOf(p.mean()),
                        "data-n",
                        p.n(),
                        "cx",
                        x,
                        "cy",
                        y.map(p.mean()),
                        "r",
                        4.0,
                        "fill",
                        w.scored() ? colour : "#fff",
                        "stroke",
                        w.scored() ? "#fff" : colour,
                        "stroke-width",
                        w.scored() ? 1.0 : 2.0)
                .element("title", tooltip)
                .close("circle");
    }

    private Point find(String variant, int window) {
        return byVariant.getOrDefault(variant, Map.of()).get(window);
    }
}
