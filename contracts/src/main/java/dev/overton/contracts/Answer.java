package dev.overton.contracts;

/**
 * An event that answers one request ({@link Completion}, {@link TokenScores}): published under the request's id, so
 * that a requester keys its own state on it and a repeat of the same answer is harmless.
 */
public interface Answer extends Event {

    /** The id of the request this answers. */
    String requestId();

    /** The record key: the request's id. */
    default String key() {
        return requestId();
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code status} is {@link Completion#COMPLETED} or {@link
     * Completion#FAILED}, the two outcomes of every answer; used by the records' constructors.
     */
    static String requireStatus(String status) {
        Event.require(status, "status");
        if (!Completion.COMPLETED.equals(status) && !Completion.FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be 'completed' or 'failed', was '" + status + "'");
        }
        return status;
    }
}
