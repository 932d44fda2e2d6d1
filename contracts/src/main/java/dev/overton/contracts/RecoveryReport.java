package dev.overton.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Event on {@value Topics#RECOVERIES}: icl-service's recovery verdict for a run, computed from the between-variant
 * (pair) values the scorer published. Re-published (debounced) whenever the run's pair values change, so the latest
 * record per key is the current verdict. Key: the run id.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run
 * @param reference the reference (aligned) variant A the others are measured against
 * @param recoveries one entry per (variant, measure)
 * @param computedAt when the verdict was computed
 */
public record RecoveryReport(
        int schemaVersion, String runId, String reference, List<Recovery> recoveries, Instant computedAt)
        implements Event {

    /** Rejects a record without the fields every consumer relies on. */
    public RecoveryReport {
        Event.require(runId, "runId");
        recoveries = recoveries == null ? List.of() : List.copyOf(recoveries);
    }

    /** The record key. */
    public String key() {
        return runId;
    }

    /**
     * The recovery of one variant V on one similarity measure: mean over prompts of sim(V, A) divided by mean over
     * prompts of sim(A, A), with a 95% percentile bootstrap interval resampling prompts jointly.
     *
     * @param variant V
     * @param measure the scorer's pair metric name (e.g. {@code pair_jaccard_1}, {@code bertscore_f1})
     * @param recovery the ratio; {@code null} when undefined (see {@code reason})
     * @param ciLow the interval's lower bound; {@code null} when undefined (fewer than two prompts)
     * @param ciHigh the interval's upper bound; {@code null} when undefined
     * @param recovers whether the interval reaches 1 ({@code ciHigh >= 1}); {@code false} when it is undefined
     * @param n how many prompts have both a V and an A-vs-A value
     * @param reason why a value is undefined, or {@code null}
     */
    public record Recovery(
            String variant,
            String measure,
            Double recovery,
            Double ciLow,
            Double ciHigh,
            boolean recovers,
            int n,
            String reason) {}
}
