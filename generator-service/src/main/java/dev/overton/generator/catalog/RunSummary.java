package dev.overton.generator.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One run as {@code GET /runs} lists it.
 *
 * @param id the run's id
 * @param name its name
 * @param label its free-text label, or {@code null}
 * @param createdAt when it was accepted
 * @param status where it stands: accepted, generating, scoring, complete or deleting
 * @param prompts how many prompts it has
 * @param variants its variants' names (in-context ones included), in spec order
 * @param monitor the id of the monitor this run is a window of, or {@code null}
 * @param window its window number in that monitor, or {@code null}
 */
public record RunSummary(
        String id,
        String name,
        String label,
        Instant createdAt,
        String status,
        int prompts,
        List<String> variants,
        String monitor,
        Integer window) {}
