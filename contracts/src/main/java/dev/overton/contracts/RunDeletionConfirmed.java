package dev.overton.contracts;

import java.time.Instant;

/**
 * Event on {@value Topics#RUN_DELETION_CONFIRMATIONS}: one service deleted everything it held for a run. Key: the run
 * id. The generator reports a run as deleted (404) once every service in {@link #SERVICES} confirmed.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the deleted run
 * @param service the confirming service's name, one of {@link #SERVICES}
 * @param deletedAt when its rows were deleted
 */
public record RunDeletionConfirmed(int schemaVersion, String runId, String service, Instant deletedAt)
        implements Event {

    /** The services that hold data of a run, each of which must confirm a deletion. */
    public static final java.util.List<String> SERVICES =
            java.util.List.of("generator-service", "scorer-service", "icl-service");

    /** Rejects a record without the fields every consumer relies on. */
    public RunDeletionConfirmed {
        Event.require(runId, "runId");
        Event.require(service, "service");
        Event.require(deletedAt, "deletedAt");
    }
}
