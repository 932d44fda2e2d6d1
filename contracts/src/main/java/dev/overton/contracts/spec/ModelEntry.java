package dev.overton.contracts.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a backend checks of a variant or judge: the fields whose rules depend on the backend. The generic checks (types,
 * lengths, control characters, {@code temperature}/{@code max_tokens}/{@code stop}) have passed before a backend sees
 * it.
 *
 * @param at the entry's path, e.g. {@code variants[0]} or {@code judge}
 * @param judge whether the entry is the run's judge (one completion per verdict) rather than a sampled variant
 * @param model the model name, or {@code null}
 * @param endpoint the server's base URL, or {@code null}
 * @param api {@code chat}, {@code completions} or {@code null} when not given
 * @param params the sampling parameters as sent, or {@code null}
 */
public record ModelEntry(String at, boolean judge, String model, String endpoint, String api, JsonNode params) {}
