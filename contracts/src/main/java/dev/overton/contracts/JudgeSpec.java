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
 */
public record JudgeSpec(
        String backend,
        String endpoint,
        String api,
        String model,
        Map<String, Object> params,
        List<String> judgements,
        int samples) {

    /** Normalises missing collections to empty ones. */
    public JudgeSpec {
        params = params == null ? Map.of() : params;
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
    }

    /** The judge model as a variant spec, the shape {@link CompletionRequest#model()} takes. */
    public VariantSpec asVariant(String name) {
        return new VariantSpec(name, backend, model, null, endpoint, api == null ? "chat" : api, 1, params);
    }
}
