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
 */
public record RunCreated(int schemaVersion, String runId, Instant createdAt, RunSpec spec, List<String> promptIds)
        implements Event {

    /** Rejects a record without the fields every consumer relies on. */
    public RunCreated {
        Event.require(runId, "runId");
        Event.require(spec, "spec");
        promptIds = promptIds == null ? List.of() : List.copyOf(promptIds);
    }
}
