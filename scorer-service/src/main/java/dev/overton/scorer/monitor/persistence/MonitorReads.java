package dev.overton.scorer.monitor.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.monitor.Estimate;
import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.support.persistence.Rows;

/**
 * Reads the monitor tables for the history, the alarms and the gauges. Read-only; a row read back that cannot be
 * understood (a hand-edited definition) is left out rather than failing the answer.
 */
@ApplicationScoped
public class MonitorReads {

    private final Pool pool;

    public MonitorReads(Pool pool) {
        this.pool = pool;
    }

    /** The monitor's definition, or empty when the scorer knows no monitor with that id. */
    public Uni<Optional<MonitorDefined>> monitor(String monitorId) {
        return pool.preparedQuery("select definition::text as definition from monitors where monitor_id = $1")
                .execute(Tuple.of(monitorId))
                .map(rows -> Rows.first(rows, row -> definition(row.getString("definition")), Optional.empty()));
    }

    /** Every monitor the scorer knows, by name. */
    public Uni<List<MonitorDefined>> monitors() {
        return pool.query("select definition::text as definition from monitors order by name")
                .execute()
                .map(rows -> {
                    List<MonitorDefined> monitors = new ArrayList<>();
                    for (Row row : rows) {
                        definition(row.getString("definition")).ifPresent(monitors::add);
                    }
                    return monitors;
                });
    }

    private static Optional<MonitorDefined> definition(String json) {
        try {
            return Optional.of(EventJson.read(json, MonitorDefined.class));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The monitor's windows with a run, oldest first, with their evaluation when they have one. */
    public Uni<List<WindowRow>> windows(String monitorId) {
        return pool.preparedQuery("select c.run_id, c.monitor_window, c.label, c.created_at, w.baseline_run_id,"
                        + " w.evaluated_at from catalog_runs c left join monitor_windows w"
                        + " on w.monitor_id = c.monitor_id and w.window_no = c.monitor_window"
                        + " where c.monitor_id = $1 order by c.monitor_window")
                .execute(Tuple.of(monitorId))
                .map(rows -> {
                    List<WindowRow> windows = new ArrayList<>();
                    for (Row row : rows) {
                        String label = row.getString("label");
                        windows.add(new WindowRow(
                                row.getInteger("monitor_window"),
                                row.getString("run_id"),
                                label == null || label.isEmpty() ? null : label,
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getString("baseline_run_id"),
                                row.getOffsetDateTime("evaluated_at") != null));
                    }
                    return windows;
                });
    }

    /** The stored scores of the monitor's evaluated windows, of one metric or (with {@code null}) of all. */
    public Uni<List<ScoreRow>> scores(String monitorId, String metric) {
        return pool.preparedQuery("select window_no, variant, metric, mean, low, high, n from monitor_window_scores"
                        + " where monitor_id = $1 and ($2::text is null or metric = $2)"
                        + " order by window_no, variant, metric")
                .execute(Tuple.tuple().addString(monitorId).addString(metric))
                .map(rows -> Rows.list(
                        rows,
                        row -> new ScoreRow(
                                row.getInteger("window_no"),
                                row.getString("variant"),
                                row.getString("metric"),
                                new Estimate(
                                        row.getDouble("mean"),
                                        row.getDouble("low"),
                                        row.getDouble("high"),
                                        row.getInteger("n")))));
    }

    /** The metrics the monitor's evaluated windows have, by name. */
    public Uni<List<String>> metrics(String monitorId) {
        return pool.preparedQuery(
                        "select distinct metric from monitor_window_scores where monitor_id = $1" + " order by metric")
                .execute(Tuple.of(monitorId))
                .map(rows -> Rows.list(rows, row -> row.getString("metric")));
    }

    /** The monitor's alarms, open and cleared, oldest first. */
    public Uni<List<MonitorAlarm>> alarms(String monitorId) {
        return pool.preparedQuery("select monitor_id, variant, metric, window_no, run_id, baseline_run_id, difference,"
                        + " q, raised_at, cleared_window, cleared_at from monitor_alarms where monitor_id = $1"
                        + " order by window_no, variant, metric")
                .execute(Tuple.of(monitorId))
                .map(rows -> Rows.list(
                        rows,
                        row -> new MonitorAlarm(
                                row.getString("monitor_id"),
                                row.getString("variant"),
                                row.getString("metric"),
                                row.getInteger("window_no"),
                                row.getString("run_id"),
                                row.getString("baseline_run_id"),
                                row.getDouble("difference"),
                                row.getDouble("q"),
                                instant(row.getOffsetDateTime("raised_at")),
                                row.getInteger("cleared_window"),
                                instant(row.getOffsetDateTime("cleared_at")))));
    }

    /**
     * Per monitor, the scores of its latest evaluated window, and its open alarms: what the gauges export.
     */
    public Uni<List<GaugeRow>> latestScores() {
        return pool.query("select m.name, s.variant, s.metric, s.mean, s.low, s.high from monitors m"
                        + " join lateral (select max(window_no) as window_no from monitor_windows w"
                        + " where w.monitor_id = m.monitor_id) l on true"
                        + " join monitor_window_scores s on s.monitor_id = m.monitor_id and s.window_no = l.window_no"
                        + " order by m.name, s.variant, s.metric")
                .execute()
                .map(rows -> Rows.list(
                        rows,
                        row -> new GaugeRow(
                                row.getString("name"),
                                row.getString("variant"),
                                row.getString("metric"),
                                new Estimate(row.getDouble("mean"), row.getDouble("low"), row.getDouble("high"), 0))));
    }

    /** The open alarms of every monitor, as (monitor name, variant, metric). */
    public Uni<List<GaugeRow>> openAlarms() {
        return pool.query("select m.name, a.variant, a.metric from monitor_alarms a join monitors m"
                        + " on m.monitor_id = a.monitor_id where a.cleared_at is null")
                .execute()
                .map(rows -> Rows.list(
                        rows,
                        row -> new GaugeRow(
                                row.getString("name"), row.getString("variant"), row.getString("metric"), null)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * A window of a monitor.
     *
     * @param window its number
     * @param runId its run
     * @param label its run's label, or {@code null}
     * @param createdAt when its run was created
     * @param baselineRunId the run it was compared with, or {@code null}
     * @param evaluated whether it was evaluated (every set scored, scores stored)
     */
    public record WindowRow(
            int window, String runId, String label, Instant createdAt, String baselineRunId, boolean evaluated) {}

    /**
     * One stored score of a window.
     *
     * @param window the window
     * @param variant the variant
     * @param metric the metric
     * @param estimate mean, interval, n
     */
    public record ScoreRow(int window, String variant, String metric, Estimate estimate) {}

    /**
     * A series of the monitor gauges.
     *
     * @param monitor the monitor's name
     * @param variant the variant
     * @param metric the metric
     * @param estimate the latest window's figures, or {@code null} for an alarm
     */
    public record GaugeRow(String monitor, String variant, String metric, Estimate estimate) {}
}
