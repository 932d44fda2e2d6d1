package dev.overton.contracts;

import java.util.List;

/**
 * Where a run's prompts come from: a JSONL file of {@code {"messages":[...]}} lines, or prompts given inline. Exactly
 * one of the two is set.
 *
 * @param path a JSONL file readable by the generator
 * @param prompts inline prompts, each a plain string (one user message) or a {@code {"messages":[...]}} object
 */
public record DatasetSpec(String path, List<Object> prompts) {}
