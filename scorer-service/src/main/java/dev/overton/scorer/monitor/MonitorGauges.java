package dev.overton.scorer.monitor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.MonitorDefined;
import dev.overton.scorer.monitor.persistence.MonitorReads;
import dev.overton.support.metrics.GaugeRefresh;
import dev.overton.support.metrics.SnapshotGauge;

/**
 * Exports each monitor's latest evaluated window as Prometheus gauges, recomputed from the database every 15 s so that
 * every scorer instance exports the same numbers. Labels are stable across windows (no run id), so one model's series
 * continues window after window:
 *
 * <ul>
 *   <li>{@code overton_monitor_score{monitor, variant, metric}} — the latest window's mean over prompts;
 *   <li>{@code overton_monitor_score_ci_low} / {@code _ci_high} — its 95% bootstrap interval;
 *   <li>{@code overton_monitor_alarm{monitor, variant, metric}} — 1 while an alarm is open, else 0, for every alarm
 *       metric of every variant the latest window has.
 * </ul>
 *
 * {@code monitor} is the monitor's name.
 */
@ApplicationScoped
public class MonitorGauges {

    private static final Logger LOG = Logger.getLogger(MonitorGauges.class);

    private final MonitorReads reads;
    private final SnapshotGauge score;
    private final SnapshotGauge ciLow;
    private final SnapshotGauge ciHigh;
    private final SnapshotGauge alarm;

    public MonitorGauges(MonitorReads reads, MeterRegistry registry) {
        this.reads = reads;
        this.score = new SnapshotGauge(MultiGauge.builder("overton.monitor.score")
                .description("A monitor's latest window: mean over prompts of a metric, per variant")
                .register(registry));
        this.ciLow = new SnapshotGauge(MultiGauge.builder("overton.monitor.score.ci.low")
                .description("Lower bound of the 95% bootstrap interval of overton_monitor_score")
                .register(registry));
        this.ciHigh = new SnapshotGauge(MultiGauge.builder("overton.monitor.score.ci.high")
                .description("Upper bound of the 95% bootstrap interval of overton_monitor_score")
                .register(registry));
        this.alarm = new SnapshotGauge(MultiGauge.builder("overton.monitor.alarm")
                .description("1 while a monitor's alarm on the variant's metric is open, else 0")
                .register(registry));
    }

    /** Recomputes the gauges. */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        Uni<Snapshot> snapshot = reads.monitors()
                .chain(monitors -> reads.latestScores()
                        .chain(scores -> reads.openAlarms().map(open -> new Snapshot(monitors, scores, open))));
        return GaugeRefresh.publish(snapshot, this::publish, "monitor", LOG);
    }

    private record Snapshot(
            List<MonitorDefined> monitors, List<MonitorReads.GaugeRow> scores, List<MonitorReads.GaugeRow> open) {}

    private void publish(Snapshot snapshot) {
        SnapshotGauge.Rows means = new SnapshotGauge.Rows();
        SnapshotGauge.Rows lows = new SnapshotGauge.Rows();
        SnapshotGauge.Rows highs = new SnapshotGauge.Rows();
        SnapshotGauge.Rows alarms = new SnapshotGauge.Rows();
        Set<Tags> open = new HashSet<>();
        snapshot.open().forEach(a -> open.add(tags(a)));
        Set<Tags> alarmSeries = new HashSet<>(open);
        for (MonitorReads.GaugeRow s : snapshot.scores()) {
            Tags tags = tags(s);
            means.add(tags, s.estimate().mean());
            if (s.estimate().low() != null) {
                lows.add(tags, s.estimate().low());
                highs.add(tags, s.estimate().high());
            }
            if (alarmMetric(snapshot.monitors(), s.monitor(), s.metric())) {
                alarmSeries.add(tags);
            }
        }
        alarmSeries.forEach(tags -> alarms.add(tags, open.contains(tags) ? 1 : 0));
        score.replace(means);
        ciLow.replace(lows);
        ciHigh.replace(highs);
        alarm.replace(alarms);
    }

    private static boolean alarmMetric(List<MonitorDefined> monitors, String name, String metric) {
        return monitors.stream()
                .anyMatch(m -> m.name().equals(name)
                        && m.monitor().alarms() != null
                        && m.monitor().alarms().metrics().contains(metric));
    }

    private static Tags tags(MonitorReads.GaugeRow row) {
        return Tags.of("monitor", row.monitor(), "variant", row.variant(), "metric", row.metric());
    }
}
