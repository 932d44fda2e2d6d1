package dev.overton.support.messaging;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Tells failures worth retrying (the database or broker is briefly away) from those that will fail again however
 * often they are retried (a bad record, a violated constraint); the latter go straight to the dead-letter topic
 * instead of holding up the partition.
 */
public final class TransientFailures {

    private TransientFailures() {}

    /** Whether {@code failure} may go away on retry. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof ConstraintViolationException) {
                return false;
            }
        }
        return true;
    }
}
