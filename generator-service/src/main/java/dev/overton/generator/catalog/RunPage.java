package dev.overton.generator.catalog;

import java.util.List;

/**
 * One page of {@code GET /runs}.
 *
 * @param items the runs, newest first
 * @param next the cursor of the next page, or {@code null} when this is the last
 */
public record RunPage(List<RunSummary> items, String next) {}
