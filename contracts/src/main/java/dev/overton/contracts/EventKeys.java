package dev.overton.contracts;

/**
 * Record keys. Everything about one prompt of one run is keyed {@code <runId>/<promptId>} so that it lands on one
 * partition and one consumer sees a prompt's sample sets together.
 */
public final class EventKeys {

    private EventKeys() {}

    /** The key of every record about prompt {@code promptId} of run {@code runId}. */
    public static String of(String runId, String promptId) {
        return runId + "/" + promptId;
    }
}
