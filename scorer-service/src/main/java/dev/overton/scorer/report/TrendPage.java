package dev.overton.scorer.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.overton.metrics.stats.MetricDirection;
import dev.overton.scorer.monitor.Estimate;
import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.monitor.WindowPoint;
import dev.overton.scorer.report.svg.Palette;
import dev.overton.scorer.report.svg.TrendChart;

/**
 * A monitor's trend page ({@code GET /monitors/{id}/report}): what its template ({@code templates/report/trend.html})
 * shows, built from the {@link MonitorHistory} that {@code GET /monitors/{id}/history} answers. One {@link TrendChart}
 * per metric (metrics that raised an alarm first, then those an alarm could watch, then the merely descriptive ones),
 * the windows as a table with links to their runs' reports, and the alarms as a table. Every number is formatted and
 * every chart drawn here; the template escapes every monitor-, run- and label-supplied string.
 */
public final class TrendPage {

    /** Longest metric name accepted in {@code ?metric=}. */
    public static final int MAX_METRIC = 200;

    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_]+");

    private TrendPage() {}

    /**
     * The page.
     *
     * @param monitorId the monitor's id
     * @param name its name
     * @param baseline the baseline in words ({@code window #1 (v1.0)}, a run id, or {@code none yet})
     * @param baselineReport link to the baseline run's report, or {@code null}
     * @param windows windows in the history
     * @param openAlarms alarms still open (of the metrics shown)
     * @param metric the one metric shown ({@code ?metric=}), or {@code null} for all
     * @param metrics every metric of the history, each with a link to its page
     * @param variants the variants with their colours
     * @param figures one trend chart per metric shown
     * @param rows the windows, oldest first
     * @param alarms the alarms of the metrics shown, oldest first
     */
    public record Page(
            String monitorId,
            String name,
            String baseline,
            String baselineReport,
            int windows,
            int openAlarms,
            String metric,
            List<MetricLink> metrics,
            List<Variant> variants,
            List<ReportView.Figure> figures,
            List<WindowRow> rows,
            List<AlarmRow> alarms) {}

    /**
     * A variant in the page's legend.
     *
     * @param name the variant
     * @param colour its colour in every chart
     */
    public record Variant(String name, String colour) {}

    /**
     * A metric in the page's metric list.
     *
     * @param name the metric
     * @param href link to the page showing it alone
     * @param alarmed whether it ever raised an alarm
     */
    public record MetricLink(String name, String href, boolean alarmed) {}

    /**
     * One window in the table.
     *
     * @param window its number
     * @param label its run's label, or {@code null}
     * @param createdAt when its run was created (ISO-8601, to the second)
     * @param runId its run
     * @param report link to its run's report, or {@code null}
     * @param baseline whether it is the baseline
     * @param status {@code scored} or {@code being scored}
     * @param alarms the alarms it raised (▼) and cleared (▲), in words, or empty
     */
    public record WindowRow(
            int window,
            String label,
            String createdAt,
            String runId,
            String report,
            boolean baseline,
            String status,
            String alarms) {}

    /**
     * One alarm in the table.
     *
     * @param variant the variant
     * @param metric the metric
     * @param state {@code open} or {@code cleared}
     * @param raised the window that raised it, {@code #k}
     * @param raisedReport link to that window's run report, or {@code null}
     * @param cleared the window that cleared it, {@code #k}, or {@code —}
     * @param difference window − baseline, in words
     * @param q the q-value
     * @param baselineRun the run it was compared with
     */
    public record AlarmRow(
            String variant,
            String metric,
            String state,
            String raised,
            String raisedReport,
            String cleared,
            String difference,
            String q,
            String baselineRun) {}

    /**
     * The page answering a bad request or an unknown monitor.
     *
     * @param status the HTTP status
     * @param title short summary
     * @param detail what is wrong and how to fix it
     * @param parameter the parameter at fault, or {@code null}
     */
    public record Problem(int status, String title, String detail, String parameter) {}

    /**
     * What is wrong with {@code ?metric=} before any history is read, if anything: a metric name is letters, digits
     * and {@code _}, at most {@link #MAX_METRIC} characters. {@code null} (absent) is fine.
     */
    public static Optional<String> metricSyntax(String metric) {
        if (metric == null) {
            return Optional.empty();
        }
        if (metric.length() > MAX_METRIC || !METRIC.matcher(metric).matches()) {
            return Optional.of("'metric' must be one metric name (letters, digits, '_', at most " + MAX_METRIC
                    + " characters; e.g. metric=jaccard_1); leave it out to see every metric");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code ?metric=} given the monitor's history (a metric its windows do not have), if anything. */
    public static Optional<String> metricKnown(String metric, MonitorHistory history) {
        if (metric == null || history.windows().isEmpty() || history.metrics().contains(metric)) {
            return Optional.empty();
        }
        return Optional.of("'metric' names '" + metric + "', which no window of monitor '" + history.monitorId()
                + "' has; its metrics are " + String.join(", ", history.metrics())
                + ". Leave 'metric' out to see every metric");
    }

    /** The view of {@code history}, showing {@code metric} alone or, when {@code null}, every metric. */
    public static Page view(MonitorHistory history, String metric) {
        Set<String> alarmed = new LinkedHashSet<>();
        history.alarms().forEach(a -> alarmed.add(a.metric()));
        List<String> ordered = history.metrics().stream()
                .sorted(Comparator.comparingInt((String m) -> rank(m, alarmed)))
                .toList();
        List<String> shown = metric == null ? ordered : List.of(metric);
        List<MonitorAlarm> alarms = history.alarms().stream()
                .filter(a -> shown.contains(a.metric()))
                .toList();

        Set<String> variantNames = new LinkedHashSet<>();
        history.windows().forEach(w -> variantNames.addAll(w.variants().keySet()));
        Map<String, String> colours = Palette.assign(Html.variantOrder(variantNames, null), null);

        List<ReportView.Figure> figures = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            String m = shown.get(i);
            TrendChart chart = chart(history, m, colours);
            long open = alarms.stream()
                    .filter(a -> a.metric().equals(m) && a.open())
                    .count();
            long all = alarms.stream().filter(a -> a.metric().equals(m)).count();
            String caption = all == 0 ? null : all + (all == 1 ? " alarm" : " alarms") + ", " + open + " open";
            figures.add(new ReportView.Figure("trend", "trend-" + i, chart.render(), caption));
        }
        return new Page(
                history.monitorId(),
                visible(history.name()),
                baseline(history),
                history.baselineRunId() == null ? null : report(history.baselineRunId()),
                history.windows().size(),
                (int) alarms.stream().filter(MonitorAlarm::open).count(),
                metric,
                ordered.stream()
                        .map(m -> new MetricLink(
                                m,
                                "report?metric=" + URLEncoder.encode(m, StandardCharsets.UTF_8),
                                alarmed.contains(m)))
                        .toList(),
                colours.entrySet().stream()
                        .map(e -> new Variant(e.getKey(), e.getValue()))
                        .toList(),
                figures,
                history.windows().stream().map(w -> row(w, alarms)).toList(),
                alarms.stream().map(a -> alarmRow(a, history)).toList());
    }

    /** The page rendered without Quarkus (tests and browser tests), from the same template. */
    public static String render(Page page) {
        return PlainTemplates.render(ReportTemplates.TREND, page);
    }

    /** The problem page rendered without Quarkus. */
    public static String render(Problem problem) {
        return PlainTemplates.render(ReportTemplates.TREND_PROBLEM, problem);
    }

    /** Metrics that raised an alarm first, then those an alarm could watch, then descriptive ones. */
    private static int rank(String metric, Set<String> alarmed) {
        if (alarmed.contains(metric)) {
            return 0;
        }
        return MetricDirection.of(metric).worse() != MetricDirection.Worse.NEITHER ? 1 : 2;
    }

    private static TrendChart chart(MonitorHistory history, String metric, Map<String, String> colours) {
        Optional<ReportMetrics.Shown> shown = ReportMetrics.shown(metric);
        MetricDirection direction = MetricDirection.of(metric);
        String axis = shown.map(ReportMetrics.Shown::direction)
                .filter(d -> d.startsWith("higher"))
                .orElse("higher = " + direction.higher());
        TrendChart chart =
                new TrendChart(metric, shown.map(ReportMetrics.Shown::title).orElse(metric), axis, colours);
        for (WindowPoint w : history.windows()) {
            chart.window(new TrendChart.Window(
                    w.window(), label(w), tooltip(w), w.runId(), report(w.runId()), w.baseline(), w.scored()));
            w.variants().forEach((variant, metrics) -> {
                Estimate e = metrics.get(metric);
                if (e != null) {
                    chart.point(new TrendChart.Point(
                            variant, w.window(), e.mean(), orNaN(e.low()), orNaN(e.high()), e.n()));
                }
            });
        }
        history.alarms().stream()
                .filter(a -> a.metric().equals(metric))
                .forEach(a -> chart.alarm(new TrendChart.Alarm(a.variant(), a.window(), a.clearedWindow(), note(a))));
        return chart;
    }

    private static String label(WindowPoint w) {
        return w.label() == null || w.label().isEmpty() ? "#" + w.window() : visible(w.label());
    }

    /**
     * {@code text} with every control character (a label or name may carry one from a record written before labels
     * were checked) shown as U+FFFD, so that it can neither break a line of the axis nor vanish unseen; {@code null}
     * stays {@code null}. Escaping is the template's and the chart writer's job.
     */
    static String visible(String text) {
        if (text == null) {
            return null;
        }
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static String tooltip(WindowPoint w) {
        return "window #" + w.window() + (w.label() == null ? "" : " · " + visible(w.label())) + " · run "
                + visible(w.runId())
                + " · " + time(w) + (w.baseline() ? " · baseline" : "") + (w.scored() ? "" : " · still being scored")
                + " — click for its report";
    }

    private static String note(MonitorAlarm a) {
        return "alarm: " + a.variant() + " " + MetricDirection.of(a.metric()).words(a.difference()) + " ("
                + a.metric() + " " + signed(a.difference()) + " against the baseline, q = " + q(a.q())
                + "), raised at window #" + a.window()
                + (a.open() ? ", still open" : ", cleared at window #" + a.clearedWindow());
    }

    private static WindowRow row(WindowPoint w, List<MonitorAlarm> alarms) {
        List<String> events = new ArrayList<>();
        for (MonitorAlarm a : alarms) {
            if (a.window() == w.window()) {
                events.add("▼ " + a.variant() + " " + a.metric());
            }
            if (a.clearedWindow() != null && a.clearedWindow() == w.window()) {
                events.add("▲ " + a.variant() + " " + a.metric());
            }
        }
        return new WindowRow(
                w.window(),
                visible(w.label()),
                time(w),
                visible(w.runId()),
                report(w.runId()),
                w.baseline(),
                w.scored() ? "scored" : "being scored",
                String.join(", ", events));
    }

    private static AlarmRow alarmRow(MonitorAlarm a, MonitorHistory history) {
        String raisedRun = history.windows().stream()
                .filter(w -> w.window() == a.window())
                .map(WindowPoint::runId)
                .findFirst()
                .orElse(a.runId());
        return new AlarmRow(
                a.variant(),
                a.metric(),
                a.open() ? "open" : "cleared",
                "#" + a.window(),
                report(raisedRun),
                a.clearedWindow() == null ? "—" : "#" + a.clearedWindow(),
                signed(a.difference()) + " (" + MetricDirection.of(a.metric()).words(a.difference()) + ")",
                q(a.q()),
                a.baselineRunId());
    }

    private static String baseline(MonitorHistory history) {
        Optional<WindowPoint> window =
                history.windows().stream().filter(WindowPoint::baseline).findFirst();
        if (window.isPresent()) {
            WindowPoint w = window.get();
            return "window #" + w.window() + (w.label() == null ? "" : " (" + visible(w.label()) + ")");
        }
        return history.baselineRunId() == null ? "none yet" : "run " + history.baselineRunId();
    }

    private static String report(String runId) {
        String link = Html.link("/runs/", runId);
        return link == null ? null : link + "/report";
    }

    private static String time(WindowPoint w) {
        return w.createdAt() == null
                ? "n/a"
                : DateTimeFormatter.ISO_INSTANT.format(w.createdAt().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String signed(double value) {
        String s = Numbers.format(value);
        return value > 0 ? "+" + s : s;
    }

    private static String q(double q) {
        return q < 0.001 ? String.format(Locale.ROOT, "%.1e", q) : Numbers.format(q);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
