package dev.overton.contracts;

import java.util.Map;

/**
 * An in-context (URIAL-style) variant of a run: the base variant {@code base} is sampled with a prompt that icl-service
 * builds from an instruction, K (query, answer) examples whose answers come from the teacher (the run's reference
 * variant unless a pool is given), and optionally a short summary hint of the reference's answer to the same prompt.
 * The generator does not request these; icl-service does, once the teacher's sample sets have arrived.
 *
 * @param name the variant's name, unique in the run (e.g. {@code llama-2-icl-chat-knn})
 * @param base the name of the run variant whose backend, model and sampling parameters are used
 * @param examples how examples are chosen: {@code fixed}, {@code random}, {@code knn-prompt} or {@code knn-response}
 * @param k how many examples (the paper uses 3)
 * @param hint {@code none}, {@code summary} (a summary of the aligned answer) or {@code self-summary}
 * @param samples N, the number of responses per prompt; {@code 0} means the base variant's N
 * @param options further settings (seed, template path, summarizer, teacher pool, ...), recorded with the run
 */
public record IclVariantSpec(
        String name, String base, String examples, int k, String hint, int samples, Map<String, Object> options) {}
