package dev.overton.generator.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run stands, as {@code GET /runs} and {@code GET /runs/{id}} report it. {@link #DELETING} lasts from {@code
 * DELETE /runs/{id}} until every service confirmed the deletion; after that the run is gone (404).
 */
public enum RunStatus {
    /** Stored, not yet acknowledged by Kafka. */
    ACCEPTED,
    /** Some (prompt, variant) sets are not drawn yet. */
    GENERATING,
    /** Every set is drawn, some are not scored yet. */
    SCORING,
    /** Every set drawn and scored. */
    COMPLETE,
    /** Deleted or being deleted; cancelled if it was still generating. */
    DELETING;

    /** The name used in the API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code name} in the API, if any. */
    public static Optional<RunStatus> ofApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
    }
}
