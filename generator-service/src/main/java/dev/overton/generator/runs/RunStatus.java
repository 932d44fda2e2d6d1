package dev.overton.generator.runs;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.overton.generator.runs.persistence.RunEntity;
import dev.overton.generator.runs.persistence.RunStore;

/**
 * A run's status and per-variant progress, the body of {@code GET /runs/{id}}. The status rule lives here, not in the
 * resource: {@code accepted} until published, {@code generating} until every variant has a set (generated or failed)
 * for every prompt, {@code scoring} until the scorer reported every generated set, then {@code complete}.
 *
 * @param id the run id
 * @param name the run's name
 * @param label the run's free-text label, or {@code null}
 * @param reference the reference variant
 * @param createdAt when it was accepted (ISO-8601)
 * @param status {@code accepted}, {@code generating}, {@code scoring} or {@code complete}; {@code deleting} while the
 *     services delete it (then only {@code id} and {@code status} are given)
 * @param prompts the number of prompts
 * @param variants each variant's progress
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(
        String id,
        String name,
        String label,
        String reference,
        String createdAt,
        String status,
        Integer prompts,
        List<VariantStatus> variants) {

    /**
     * One variant's progress.
     *
     * @param name the variant
     * @param reference whether it is the run's reference
     * @param requested sets asked for (one per prompt)
     * @param generated sets generated
     * @param failed sets that failed
     * @param scored generated sets the scorer reported
     */
    public record VariantStatus(
            String name, boolean reference, long requested, long generated, long failed, long scored) {}

    /** The status of {@code run} given its variants' {@code progress}. */
    public static RunStatus of(RunEntity run, List<RunStore.VariantProgress> progress) {
        long requested = run.promptCount;
        return new RunStatus(
                run.id,
                run.name,
                run.label,
                run.reference,
                run.createdAt.toString(),
                status(run.publishedAt != null, requested, progress),
                run.promptCount,
                progress.stream()
                        .map(p -> new VariantStatus(
                                p.variant(), p.reference(), requested, p.generated(), p.failed(), p.scored()))
                        .toList());
    }

    /** A run being deleted: {@code GET /runs/{id}} says so until every service has confirmed. */
    public static RunStatus deleting(String id) {
        return new RunStatus(id, null, null, null, null, "deleting", null, null);
    }

    static String status(boolean published, long requested, List<RunStore.VariantProgress> progress) {
        if (!published) {
            return "accepted";
        }
        if (!progress.stream().allMatch(p -> p.generated() + p.failed() >= requested)) {
            return "generating";
        }
        if (!progress.stream().allMatch(p -> p.scored() >= p.generated())) {
            return "scoring";
        }
        return "complete";
    }
}
