package dev.overton.scorer.monitor;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Reads a monitor's history: what {@code GET /monitors/{id}/history} answers and the trend page draws.
 */
public interface MonitorHistories {

    /**
     * The monitor's history.
     *
     * @param monitorId the monitor's id
     * @param metric the one metric to show, or {@code null} for every metric the windows have
     * @return the history, or empty when the scorer knows no monitor with that id
     */
    Uni<Optional<MonitorHistory>> history(String monitorId, String metric);
}
