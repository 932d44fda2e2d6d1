package dev.overton.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.spec.MeasureGroup;

/**
 * Event on {@value Topics#SAMPLE_SETS}: the N responses of one variant to one prompt. Key: {@code
 * <runId>/<promptId>}. A failed generation is published too, with {@code status = "failed"}, an {@code error} and no
 * samples, so that nothing is silently dropped.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param runId the run
 * @param promptId the prompt's id
 * @param variant the variant's name
 * @param reference whether the variant is the run's reference (aligned) variant
 * @param status {@code generated} or {@code failed}
 * @param error why it failed, or {@code null}
 * @param samples the responses, in index order
 * @param generatedAt when the set was stored
 * @param measures the measure groups the run asked for (wire names of {@link
 *     dev.overton.contracts.spec.MeasureGroup}); the scorer computes only those. {@code null}: every group
 */
public record SampleSet(
        int schemaVersion,
        String runId,
        String promptId,
        String variant,
        boolean reference,
        String status,
        String error,
        List<Sample> samples,
        Instant generatedAt,
        List<String> measures)
        implements Event {

    /** A set of a run that computes every measure group. */
    public SampleSet(
            int schemaVersion,
            String runId,
            String promptId,
            String variant,
            boolean reference,
            String status,
            String error,
            List<Sample> samples,
            Instant generatedAt) {
        this(schemaVersion, runId, promptId, variant, reference, status, error, samples, generatedAt, null);
    }

    /** Rejects a record without the fields every consumer relies on. */
    public SampleSet {
        Event.require(runId, "runId");
        Event.require(promptId, "promptId");
        Event.require(variant, "variant");
        Event.require(status, "status");
        if (!GENERATED.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be 'generated' or 'failed', was '" + status + "'");
        }
        samples = samples == null ? List.of() : List.copyOf(samples);
        measures = measures == null ? null : List.copyOf(measures);
    }

    /** {@link #status()} of a set whose samples were drawn. */
    public static final String GENERATED = "generated";

    /** {@link #status()} of a set whose generation failed. */
    public static final String FAILED = "failed";

    /** The record key. */
    public String key() {
        return EventKeys.of(runId, promptId);
    }

    /** This set carrying {@code runMeasures}, the run's {@link RunSpec#measures()}. */
    public SampleSet withMeasures(List<String> runMeasures) {
        return new SampleSet(
                schemaVersion, runId, promptId, variant, reference, status, error, samples, generatedAt, runMeasures);
    }

    /** The groups the scorer computes for this set: {@link #measures()}, or every group. */
    public Set<MeasureGroup> measureGroups() {
        return MeasureGroup.selected(measures);
    }

    /** Whether the set's generation failed. */
    public boolean failed() {
        return FAILED.equals(status);
    }
}
