package dev.overton.scorer.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * One window of a monitor in its history.
 *
 * @param window the window's number (1 for the first)
 * @param runId the window's run
 * @param label the run's label, or {@code null}
 * @param createdAt when the window's run was created
 * @param baseline whether this window is the run later windows were compared with
 * @param scored whether every set of the window is scored (its figures are final)
 * @param variants per variant, per metric, the window's mean with its interval
 */
public record WindowPoint(
        int window,
        String runId,
        String label,
        Instant createdAt,
        boolean baseline,
        boolean scored,
        Map<String, Map<String, Estimate>> variants) {

    /** Copies the map. */
    public WindowPoint {
        variants = Map.copyOf(variants);
    }
}
