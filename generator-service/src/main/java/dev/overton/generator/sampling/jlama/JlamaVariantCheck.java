package dev.overton.generator.sampling.jlama;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.ModelEntry;
import dev.overton.contracts.spec.SpecJson;

/**
 * The jlama backend's rules for a variant or judge: it needs a model (a Hugging Face repo id or a local folder) and
 * understands only the params jlama can honour; anything else (top_p, repetition_penalty, ...) would be silently
 * ignored, so it is refused.
 */
public final class JlamaVariantCheck {

    /** The params the jlama backend understands. */
    public static final Set<String> PARAMS = Set.of("temperature", "max_tokens", "seed", "stop", "template");

    private JlamaVariantCheck() {}

    /**
     * Adds an error at {@code at} when {@code base} cannot score tokens: the scored context is a raw prompt (the
     * variant's own zero-shot frame or an in-context prompt), which only a {@code completions} variant reads.
     */
    public static void checkScoring(dev.overton.contracts.VariantSpec base, String at, List<FieldError> errors) {
        if (!"completions".equals(base.api())) {
            errors.add(new FieldError(
                    at,
                    "variant '" + base.name() + "' uses the chat API; token scoring reads the context as a raw prompt,"
                            + " so the jlama base variant needs \"api\": \"completions\""));
        }
    }

    /** Adds an error per problem of {@code entry}. */
    public static void check(ModelEntry entry, List<FieldError> errors) {
        String at = entry.at();
        if (entry.model() == null || entry.model().isBlank()) {
            errors.add(new FieldError(
                    at + ".model",
                    "is required for the jlama backend: a Hugging Face repo id such as"
                            + " HuggingFaceTB/SmolLM2-135M-Instruct, or the path of a local model folder"));
        }
        JsonNode params = entry.params();
        if (params == null || !params.isObject()) {
            return;
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!PARAMS.contains(name)) {
                errors.add(new FieldError(
                        at + ".params." + name,
                        "is not supported by the jlama backend (it supports " + new TreeSet<>(PARAMS)
                                + "); remove it, or sample this model with the openai backend"));
            }
        });
        JsonNode seed = params.get("seed");
        if (seed != null && SpecJson.wholeIn(seed, Long.MIN_VALUE, Long.MAX_VALUE) == null) {
            errors.add(new FieldError(at + ".params.seed", "must be a whole number, e.g. 1"));
        }
    }
}
