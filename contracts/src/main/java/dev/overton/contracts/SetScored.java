package dev.overton.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Event on {@value Topics#SCORES}: the scorer stored these values for one sample set. Published after the database
 * write. Key: {@code <runId>/<promptId>}.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run
 * @param promptId the prompt's id
 * @param variant the variant's name
 * @param values the values stored
 * @param scoredAt when they were stored
 */
public record SetScored(
        int schemaVersion, String runId, String promptId, String variant, List<ScoreValue> values, Instant scoredAt)
        implements Event {

    /** Rejects a record without the fields every consumer relies on. */
    public SetScored {
        Event.require(runId, "runId");
        Event.require(promptId, "promptId");
        Event.require(variant, "variant");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The record key. */
    public String key() {
        return EventKeys.of(runId, promptId);
    }
}
