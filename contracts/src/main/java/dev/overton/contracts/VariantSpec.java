package dev.overton.contracts;

import java.util.Map;

/**
 * One model variant to sample in a run.
 *
 * @param name the variant's name, unique in the run (e.g. {@code llama-2-chat})
 * @param backend which backend samples it: {@code replay}, {@code openai} (any OpenAI-compatible server) or
 *     {@code jlama} (embedded); see docs/backends.md
 * @param model the model's name, for the record
 * @param source for {@code replay}: the released {@code samples.jsonl} to answer from
 * @param endpoint for server backends: the base URL
 * @param api for server backends: {@code chat} or {@code completions}
 * @param samples N, the number of responses to draw per prompt
 * @param params sampling parameters passed to the backend (temperature, max_tokens, ...)
 */
public record VariantSpec(
        String name,
        String backend,
        String model,
        String source,
        String endpoint,
        String api,
        int samples,
        Map<String, Object> params) {}
