package dev.overton.contracts;

import java.util.List;
import java.util.Map;

/**
 * The LLM judge of a run: which model judges (through the generator's backends, like a run variant) and which
 * judgements it makes. scorer-service asks for the verdicts once the sample sets they compare have arrived.
 *
 * @param backend the generator backend that calls the judge model ({@code openai} or {@code jlama})
 * @param endpoint for server backends: the base URL
 * @param api {@code chat} (the default) or {@code completions}
 * @param model the judge model's name
 * @param params sampling parameters (temperature 0 is recommended for judges)
 * @param judgements which judgements to make: {@code missing-info}, {@code topics}, {@code quality}, {@code stance}
 * @param samples how many samples of each candidate variant are judged per prompt (pairwise judgements); {@code 0}
 *     means all
 * @param sources for {@code backend = replay}: judgement name to a released judge output file ({@code
 *     samples.jsonl}, OpenAI shape, line k = k-th judged pair) whose verdicts are replayed instead of calling a model
 */
public record JudgeSpec(
        String backend,
        String endpoint,
        String api,
        String model,
        Map<String, Object> params,
        List<String> judgements,
        int samples,
        Map<String, String> sources) {

    /** Normalises missing collections to empty ones. */
    public JudgeSpec {
        params = params == null ? Map.of() : params;
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** The judge model as a variant spec, the shape {@link CompletionRequest#model()} takes. */
    public VariantSpec asVariant(String name) {
        return new VariantSpec(name, backend, model, null, endpoint, api == null ? "chat" : api, 1, params);
    }
}
