package dev.overton.generator.sampling.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.ModelEntry;
import dev.overton.contracts.spec.SpecJson;

/**
 * The openai backend's rules for a variant or judge: it needs a server and a model; its params must not set what
 * Overton sets itself (the model, messages or prompt, {@code n} = samples, streaming), and its own switches
 * ({@code n_supported}, {@code template}) must be usable. Other params pass through to the server unchanged.
 */
public final class OpenAiVariantCheck {

    private OpenAiVariantCheck() {}

    /** Adds an error per problem of {@code entry}. */
    public static void check(ModelEntry entry, List<FieldError> errors) {
        String at = entry.at();
        String endpoint = entry.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            errors.add(new FieldError(
                    at + ".endpoint",
                    "is required for the openai backend: the server's base URL, e.g. http://localhost:8000/v1"
                            + " (vLLM), http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1"));
        } else {
            String problem = endpointProblem(endpoint.strip());
            if (problem != null) {
                errors.add(new FieldError(at + ".endpoint", problem));
            }
        }
        if (entry.model() == null || entry.model().isBlank()) {
            errors.add(new FieldError(
                    at + ".model",
                    "is required for the openai backend: the model name the server serves (listed at"
                            + " <endpoint>/models), e.g. meta-llama/Llama-2-7b-chat-hf"));
        }
        JsonNode params = entry.params();
        if (params == null || !params.isObject()) {
            return;
        }
        for (String reserved : List.of("model", "messages", "prompt")) {
            if (params.has(reserved)) {
                errors.add(new FieldError(
                        at + ".params." + reserved,
                        "is set by Overton from the variant's 'model' and the dataset's prompts; remove it"));
            }
        }
        if (params.has("n")) {
            errors.add(new FieldError(
                    at + ".params.n",
                    entry.judge()
                            ? "is set by Overton: a judge draws one completion per verdict; remove it"
                            : "is set from the variant's 'samples'; remove it and set 'samples' to N"));
        }
        JsonNode stream = params.get("stream");
        if (stream != null && !(stream.isBoolean() && !stream.asBoolean())) {
            errors.add(new FieldError(
                    at + ".params.stream", "is not supported: Overton reads whole responses; remove it"));
        }
        JsonNode nSupported = params.get("n_supported");
        if (nSupported != null && !nSupported.isBoolean()) {
            errors.add(new FieldError(
                    at + ".params.n_supported",
                    "must be true or false (false: send N separate requests, for servers without 'n')"));
        }
        JsonNode topP = params.get("top_p");
        if (topP != null && (SpecJson.numberIn(topP, 0, 1) == null || topP.doubleValue() <= 0)) {
            errors.add(new FieldError(at + ".params.top_p", "must be a number in (0, 1], e.g. 0.9"));
        }
        JsonNode seed = params.get("seed");
        if (seed != null && SpecJson.wholeIn(seed, Long.MIN_VALUE, Long.MAX_VALUE) == null) {
            errors.add(new FieldError(at + ".params.seed", "must be a whole number, e.g. 42"));
        }
        JsonNode template = params.get("template");
        if (template != null) {
            if (!"completions".equals(entry.api())) {
                errors.add(new FieldError(
                        at + ".params.template",
                        "applies to raw prompts only; set the variant's 'api' to 'completions' or remove it"));
            } else if (!template.isTextual() || !template.asText().contains("{query}")) {
                errors.add(new FieldError(
                        at + ".params.template",
                        "must be a string containing {query} where the prompt goes, e.g."
                                + " \"# Query:\\n```\\n{query}\\n```\\n\\n# Answer:\\n```\\n\""));
            }
        }
    }

    /**
     * Adds an error at {@code at} when {@code base} cannot score tokens: scoring sends the context and answer as one
     * raw prompt to the legacy completions API with {@code echo} and {@code logprobs}, which a chat-only variant does
     * not use.
     */
    public static void checkScoring(VariantSpec base, String at, List<FieldError> errors) {
        if (!OpenAiBackend.COMPLETIONS.equals(base.api())) {
            errors.add(new FieldError(
                    at,
                    "variant '" + base.name() + "' uses the chat API; token scoring sends the context and the answer"
                            + " as one raw prompt to <endpoint>/completions with echo and logprobs, so the base"
                            + " variant needs \"api\": \"completions\" on a server that serves it (e.g. vLLM;"
                            + " docs/backends.md, Token scoring)"));
        }
    }

    /** What is wrong with an endpoint URL, or {@code null}. */
    static String endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + "); give the server's base URL, e.g. http://localhost:8000/v1";
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            return "must be an http:// or https:// URL with a host, e.g. http://localhost:8000/v1";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "must be a base URL without '?' or '#' parts, e.g. http://localhost:8000/v1";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.endsWith("/completions")) {
            return "must be the base URL (usually ending in /v1), not an API path; Overton appends"
                    + " /chat/completions or /completions itself";
        }
        return null;
    }
}
