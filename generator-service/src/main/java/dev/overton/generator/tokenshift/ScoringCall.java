package dev.overton.generator.tokenshift;

import dev.overton.contracts.VariantSpec;

/**
 * One scoring a backend is asked for: the base model {@code model} reads {@code context + answer} and reports, for each
 * token of {@code answer}, its log-probability and its rank among the model's {@code topK} most likely tokens.
 *
 * @param runId the run (for cancellation and messages)
 * @param model the base variant (backend, endpoint, api, model, params)
 * @param context the complete context, already framed
 * @param answer the answer to score (not empty)
 * @param topK K, from 1 to 20
 */
public record ScoringCall(String runId, VariantSpec model, String context, String answer, int topK) {}
