package dev.overton.scorer.monitor;

import java.util.List;

/**
 * The answer of {@code GET /monitors/{id}/alarms}: a monitor's alarms, open and cleared, oldest first.
 *
 * @param monitorId the monitor's id
 * @param name its name
 * @param open how many of the alarms are open
 * @param alarms the alarms
 */
public record MonitorAlarms(String monitorId, String name, int open, List<MonitorAlarm> alarms) {

    /** Copies the list. */
    public MonitorAlarms {
        alarms = List.copyOf(alarms);
    }
}
