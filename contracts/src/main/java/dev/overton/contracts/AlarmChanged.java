package dev.overton.contracts;

import java.time.Instant;

/**
 * Event on {@value Topics#ALARMS}: a monitor's alarm was raised or cleared by the scorer. An alarm is one metric of one
 * variant significantly worse in a window than in the monitor's baseline (Benjamini–Hochberg q at most the monitor's
 * {@code alarms.fdr}, effect at least its {@code alarms.minEffect}, in the metric's worse direction); it clears at the
 * first later window that is no longer significantly worse. Key: the monitor id. Published after the database write,
 * at least once: a consumer keys what it keeps by (monitor, variant, metric, window).
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param monitorId the monitor's id
 * @param monitorName the monitor's name
 * @param variant the variant
 * @param metric the metric
 * @param window the window that raised the alarm
 * @param runId that window's run
 * @param baselineRunId the run it was compared with
 * @param difference window mean − baseline mean when raised
 * @param q the Benjamini–Hochberg q-value when raised
 * @param state {@value #OPEN} or {@value #CLEARED}
 * @param raisedAt when it was raised
 * @param clearedWindow the window that cleared it, or {@code null} while open
 * @param clearedAt when it cleared, or {@code null} while open
 */
public record AlarmChanged(
        int schemaVersion,
        String monitorId,
        String monitorName,
        String variant,
        String metric,
        int window,
        String runId,
        String baselineRunId,
        double difference,
        double q,
        String state,
        Instant raisedAt,
        Integer clearedWindow,
        Instant clearedAt)
        implements Event {

    /** {@link #state()} of a raised alarm. */
    public static final String OPEN = "open";

    /** {@link #state()} of an alarm a later window cleared. */
    public static final String CLEARED = "cleared";

    /** Rejects a record without the fields every consumer relies on. */
    public AlarmChanged {
        Event.require(monitorId, "monitorId");
        Event.require(variant, "variant");
        Event.require(metric, "metric");
        Event.require(state, "state");
    }

    /** The record key. */
    public String key() {
        return monitorId;
    }

    /** Whether the alarm is open. */
    public boolean open() {
        return OPEN.equals(state);
    }
}
