package dev.overton.scorer.monitor;

import java.time.Instant;

/**
 * An alarm of a monitor: one metric of one variant was significantly worse than the baseline (Benjamini–Hochberg q at
 * most the monitor's {@code fdr}, effect at least its {@code minEffect}, in the metric's worse direction).
 *
 * @param monitorId the monitor's id
 * @param variant the variant
 * @param metric the metric
 * @param window the window that raised it
 * @param runId that window's run
 * @param baselineRunId the run it was compared with
 * @param difference window mean − baseline mean
 * @param q the Benjamini–Hochberg q-value
 * @param raisedAt when it was raised
 * @param clearedWindow the first later window no longer significantly worse, or {@code null} while the alarm is open
 * @param clearedAt when it cleared, or {@code null} while open
 */
public record MonitorAlarm(
        String monitorId,
        String variant,
        String metric,
        int window,
        String runId,
        String baselineRunId,
        double difference,
        double q,
        Instant raisedAt,
        Integer clearedWindow,
        Instant clearedAt) {

    /** Whether the alarm is still open. */
    public boolean open() {
        return clearedAt == null;
    }
}
