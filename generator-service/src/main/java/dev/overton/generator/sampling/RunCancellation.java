package dev.overton.generator.sampling;

/**
 * Whether a run has been cancelled (deleted while it was still generating). Backends ask it before each model request
 * and after each failed one, so that a cancelled run's requests not yet sent are skipped and its failed ones are not
 * retried. An interface so that backends stay plain Java: the service answers from its deletion tombstones, tests
 * from a flag.
 */
@FunctionalInterface
public interface RunCancellation {

    /** Nothing is ever cancelled: for tools and tests that have no catalog. */
    RunCancellation NEVER = runId -> false;

    /**
     * Whether {@code runId} is cancelled. May block briefly (a database lookup); called on worker threads only.
     *
     * @return {@code true} once the run's deletion was requested; never {@code false} again after that
     */
    boolean isCancelled(String runId);
}
