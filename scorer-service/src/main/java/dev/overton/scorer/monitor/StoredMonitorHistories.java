package dev.overton.scorer.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.MonitorDefined;
import dev.overton.scorer.monitor.persistence.MonitorReads;

/**
 * {@link MonitorHistories} from the scorer's monitor tables: the monitor's windows with a run (the catalog), each
 * evaluated window's stored means and intervals, and its alarms. A window not yet wholly scored is listed with no
 * figures ({@link WindowPoint#scored()} false).
 */
@ApplicationScoped
public class StoredMonitorHistories implements MonitorHistories {

    private final MonitorReads reads;

    public StoredMonitorHistories(MonitorReads reads) {
        this.reads = reads;
    }

    @Override
    public Uni<Optional<MonitorHistory>> history(String monitorId, String metric) {
        return reads.monitor(monitorId)
                .chain(monitor -> monitor.isEmpty()
                        ? Uni.createFrom().item(Optional.<MonitorHistory>empty())
                        : reads.windows(monitorId)
                                .chain(windows -> reads.scores(monitorId, metric)
                                        .chain(scores -> reads.alarms(monitorId)
                                                .map(alarms -> Optional.of(
                                                        history(monitor.get(), metric, windows, scores, alarms))))));
    }

    static MonitorHistory history(
            MonitorDefined monitor,
            String metric,
            List<MonitorReads.WindowRow> windows,
            List<MonitorReads.ScoreRow> scores,
            List<MonitorAlarm> alarms) {
        Map<Integer, Map<String, Map<String, Estimate>>> byWindow = new TreeMap<>();
        java.util.SortedSet<String> metrics = new java.util.TreeSet<>();
        for (MonitorReads.ScoreRow s : scores) {
            byWindow.computeIfAbsent(s.window(), w -> new TreeMap<>())
                    .computeIfAbsent(s.variant(), v -> new TreeMap<>())
                    .put(s.metric(), s.estimate());
            metrics.add(s.metric());
        }
        String baseline = null;
        for (MonitorReads.WindowRow w : windows) {
            if (w.evaluated() && w.baselineRunId() != null) {
                baseline = w.baselineRunId();
            }
        }
        List<WindowPoint> points = new ArrayList<>(windows.size());
        for (MonitorReads.WindowRow w : windows) {
            Map<String, Map<String, Estimate>> variants = new LinkedHashMap<>();
            byWindow.getOrDefault(w.window(), Map.of()).forEach((v, m) -> variants.put(v, Map.copyOf(m)));
            points.add(new WindowPoint(
                    w.window(),
                    w.runId(),
                    w.label(),
                    w.createdAt(),
                    w.runId().equals(baseline),
                    w.evaluated(),
                    variants));
        }
        return new MonitorHistory(
                monitor.monitorId(),
                monitor.name(),
                baseline,
                metric != null ? List.of(metric) : List.copyOf(metrics),
                points,
                alarms);
    }
}
