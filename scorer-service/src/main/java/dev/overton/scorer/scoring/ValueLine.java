package dev.overton.scorer.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;

/**
 * One line of {@code GET /runs/{id}/values} (JSON lines): a stored value with its settings. Unlike the export's rows,
 * which always carry all eight columns, a line has a {@code reason} only when the value is undefined.
 *
 * @param promptId the prompt
 * @param variant the variant
 * @param sample the sample index, or {@code null} for a whole-set value
 * @param reference the reference variant, or {@code null} for a within-set value
 * @param metric the metric
 * @param value the value, or {@code null} when undefined
 * @param reason why it is undefined; absent when it is defined
 * @param settings the metric's settings, as the JSON text they were stored as
 */
public record ValueLine(
        String promptId,
        String variant,
        Integer sample,
        String reference,
        String metric,
        Double value,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        String settings) {

    /** The line of stored value {@code v}. */
    public static ValueLine of(StoredValue v) {
        return new ValueLine(
                v.promptId(), v.variant(), v.sample(), v.reference(), v.metric(), v.value(), v.reason(), v.settings());
    }
}
