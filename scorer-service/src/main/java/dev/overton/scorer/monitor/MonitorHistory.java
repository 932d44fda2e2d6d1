package dev.overton.scorer.monitor;

import java.util.List;

/**
 * A monitor's history ({@code GET /monitors/{id}/history}, the trend page {@code /monitors/{id}/report}): its windows
 * in order and its alarms.
 *
 * @param monitorId the monitor's id
 * @param name its name
 * @param baselineRunId the run the latest window was compared with, or {@code null} when none was yet
 * @param metrics the metrics the history shows: the one asked for ({@code ?metric=}), or every metric the windows have
 * @param windows the windows, oldest first
 * @param alarms the monitor's alarms, open and cleared, oldest first
 */
public record MonitorHistory(
        String monitorId,
        String name,
        String baselineRunId,
        List<String> metrics,
        List<WindowPoint> windows,
        List<MonitorAlarm> alarms) {

    /** Copies the lists. */
    public MonitorHistory {
        metrics = List.copyOf(metrics);
        windows = List.copyOf(windows);
        alarms = List.copyOf(alarms);
    }
}
