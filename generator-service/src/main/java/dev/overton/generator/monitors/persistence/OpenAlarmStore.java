package dev.overton.generator.monitors.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.AlarmChanged;
import dev.overton.support.persistence.Rows;

/**
 * The monitors' open alarms as the scorer last said on {@code alarms}: an open alarm is kept until its cleared record
 * arrives. Keyed by (monitor, variant, metric, window), so a record delivered twice changes nothing.
 */
@ApplicationScoped
public class OpenAlarmStore {

    private final Pool pool;

    public OpenAlarmStore(Pool pool) {
        this.pool = pool;
    }

    /** Keeps an opened alarm, forgets a cleared one. */
    public Uni<Void> apply(AlarmChanged alarm) {
        if (!alarm.open()) {
            return pool.preparedQuery("delete from monitor_open_alarms where monitor_id = $1 and variant = $2"
                            + " and metric = $3 and window_no = $4")
                    .execute(Tuple.of(alarm.monitorId(), alarm.variant(), alarm.metric(), alarm.window()))
                    .replaceWithVoid();
        }
        return pool.preparedQuery("insert into monitor_open_alarms (monitor_id, variant, metric, window_no, run_id,"
                        + " baseline_run_id, difference, q, raised_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " on conflict do nothing")
                .execute(Tuple.tuple()
                        .addString(alarm.monitorId())
                        .addString(alarm.variant())
                        .addString(alarm.metric())
                        .addInteger(alarm.window())
                        .addString(alarm.runId())
                        .addString(alarm.baselineRunId())
                        .addDouble(alarm.difference())
                        .addDouble(alarm.q())
                        .addOffsetDateTime(
                                alarm.raisedAt() == null
                                        ? null
                                        : alarm.raisedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The monitor's open alarms, oldest window first. */
    public Uni<List<OpenAlarm>> open(String monitorId) {
        return pool.preparedQuery("select variant, metric, window_no, run_id, baseline_run_id, difference, q, raised_at"
                        + " from monitor_open_alarms where monitor_id = $1 order by window_no, variant, metric")
                .execute(Tuple.of(monitorId))
                .map(rows -> Rows.list(
                        rows,
                        row -> new OpenAlarm(
                                row.getString("variant"),
                                row.getString("metric"),
                                row.getInteger("window_no"),
                                row.getString("run_id"),
                                row.getString("baseline_run_id"),
                                row.getDouble("difference"),
                                row.getDouble("q"),
                                row.getOffsetDateTime("raised_at") == null
                                        ? null
                                        : row.getOffsetDateTime("raised_at").toInstant())));
    }

    /**
     * An open alarm of a monitor ({@code GET /monitors/{id}}, {@code openAlarms}); the scorer's {@code GET
     * /monitors/{id}/alarms} has the full record.
     *
     * @param variant the variant
     * @param metric the metric
     * @param window the window that raised it
     * @param runId that window's run
     * @param baselineRunId the run it was compared with
     * @param difference window mean − baseline mean
     * @param q the Benjamini–Hochberg q-value
     * @param raisedAt when the scorer raised it
     */
    public record OpenAlarm(
            String variant,
            String metric,
            int window,
            String runId,
            String baselineRunId,
            double difference,
            double q,
            Instant raisedAt) {}
}
