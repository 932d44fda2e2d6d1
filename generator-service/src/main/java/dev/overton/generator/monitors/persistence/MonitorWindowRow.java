package dev.overton.generator.monitors.persistence;

import java.time.Instant;

/**
 * One window of a monitor as stored.
 *
 * @param monitorId the monitor
 * @param window its number, from 1
 * @param runId the id of its run (fixed when the window is opened), or {@code null} for a stream window that found no
 *     new prompt
 * @param trigger {@code schedule}, {@code catch-up} (the one window run for ticks missed while no generator ran) or
 *     {@code manual}
 * @param dueAt the scheduled time it stands for, or {@code null} when triggered
 * @param label its label, or {@code null}
 * @param promptFrom stream: it takes the prompts with {@code promptFrom < seq <= promptTo}; else {@code null}
 * @param promptTo see {@code promptFrom}
 * @param openedAt when it was opened
 * @param runCreatedAt when its run was stored, or {@code null} while that is pending
 */
public record MonitorWindowRow(
        String monitorId,
        int window,
        String runId,
        String trigger,
        Instant dueAt,
        String label,
        Long promptFrom,
        Long promptTo,
        Instant openedAt,
        Instant runCreatedAt) {

    /** {@link #trigger()} of a window run at its due time. */
    public static final String SCHEDULE = "schedule";

    /** {@link #trigger()} of the one window run after downtime, for every tick missed. */
    public static final String CATCH_UP = "catch-up";

    /** {@link #trigger()} of a window run on request. */
    public static final String MANUAL = "manual";

    /** {@code pending} (its run is not stored yet), {@code created}, or {@code empty} (no prompt arrived: no run). */
    public String status() {
        if (runId == null) {
            return "empty";
        }
        return runCreatedAt == null ? "pending" : "created";
    }
}
