package dev.overton.contracts;

import java.time.Instant;

/**
 * Event on {@value Topics#RUN_DELETIONS}: a run is to be deleted everywhere. Key: the run id.
 *
 * <p>Every service deletes every row it holds for the run, keeps a tombstone (so that a late record of the run is
 * dropped instead of resurrecting it) and answers with a {@link RunDeletionConfirmed}. Handling the event twice changes
 * nothing.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run to delete
 * @param requestedAt when the deletion was requested
 * @param reason why: {@value #BY_USER} or {@value #BY_RETENTION}
 */
public record RunDeletionRequested(int schemaVersion, String runId, Instant requestedAt, String reason)
        implements Event {

    /** A user asked for it ({@code DELETE /runs/{id}}). */
    public static final String BY_USER = "user";

    /** The run was older than {@code overton.retention.max-age}. */
    public static final String BY_RETENTION = "retention";

    /** Rejects a record without the fields every consumer relies on. */
    public RunDeletionRequested {
        Event.require(runId, "runId");
        Event.require(requestedAt, "requestedAt");
    }
}
