package dev.overton.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Event on {@value Topics#RUNS}: a run was accepted and persisted. Key: the run id.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run's id
 * @param createdAt when it was accepted
 * @param spec the full spec as submitted
 * @param promptIds the ids of the dataset's prompts, in order
 * @param monitor the monitor window this run is, or {@code null} for a run submitted on its own (optional within
 *     schema version 1: older records have none)
 */
public record RunCreated(
        int schemaVersion, String runId, Instant createdAt, RunSpec spec, List<String> promptIds, MonitorWindow monitor)
        implements Event {

    /** A run that is no monitor window. */
    public RunCreated(int schemaVersion, String runId, Instant createdAt, RunSpec spec, List<String> promptIds) {
        this(schemaVersion, runId, createdAt, spec, promptIds, null);
    }

    /** Rejects a record without the fields every consumer relies on. */
    public RunCreated {
        Event.require(runId, "runId");
        Event.require(spec, "spec");
        promptIds = promptIds == null ? List.of() : List.copyOf(promptIds);
    }
}
