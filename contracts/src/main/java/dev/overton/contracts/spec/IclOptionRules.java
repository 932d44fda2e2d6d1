package dev.overton.contracts.spec;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.VariantSpec;

/**
 * The checks of one icl entry's {@code options} (docs/icl.md, "Options"), with {@code at} the options' path. The
 * summarizer rules are here too: a bad summarizer is refused at {@code POST /runs} with the message icl-service gives.
 */
final class IclOptionRules {

    private final String at;
    private final JsonNode options;
    private final List<VariantSpec> variants;
    private final VariantSpec base;
    private final HintMode hint;
    private final List<FieldError> errors;

    /** @param hint the entry's hint, or {@code null} when it is invalid */
    IclOptionRules(
            String at,
            JsonNode options,
            List<VariantSpec> variants,
            VariantSpec base,
            HintMode hint,
            List<FieldError> errors) {
        this.at = at;
        this.options = options;
        this.variants = variants;
        this.base = base;
        this.hint = hint;
        this.errors = errors;
    }

    void check() {
        SpecJson.refuseUnknownFields(options, at, IclRules.OPTIONS, errors);
        whole("seed", Long.MIN_VALUE, Long.MAX_VALUE, "must be a whole number, e.g. 7");
        Long window = whole("context_window", 2, 10_000_000, "must be a whole number of tokens, e.g. 4096");
        Long maxNew = whole("max_new_tokens", 1, Integer.MAX_VALUE, "must be a whole number >= 1, e.g. 700");
        whole("min_examples", 0, SpecLimits.MAX_K, "must be a whole number from 0 to " + SpecLimits.MAX_K);
        JsonNode ratio = options.get("chars_per_token");
        if (ratio != null && (SpecJson.numberIn(ratio, 0, 1_000) == null || ratio.doubleValue() <= 0)) {
            errors.add(new FieldError(at + ".chars_per_token", "must be a number > 0, e.g. 4"));
        }
        budget(window, maxNew);
        SpecFields.name(options, "template", at + ".template", false, SpecLimits.PATH_LENGTH, errors);
        SpecFields.text(options, "instruction", at + ".instruction", false, SpecLimits.TEXT_LENGTH, errors);
        SpecFields.name(options, "instruction_file", at + ".instruction_file", false, SpecLimits.PATH_LENGTH, errors);
        nonBlank("template", "instruction", "instruction_file", "pool_file", "summaries_from");
        if (options.hasNonNull("instruction") && options.hasNonNull("instruction_file")) {
            errors.add(new FieldError(at, "give instruction or instruction_file, not both"));
        }
        pool();
        SpecFields.name(options, "pool_file", at + ".pool_file", false, SpecLimits.PATH_LENGTH, errors);
        if (options.hasNonNull("pool") && options.hasNonNull("pool_file")) {
            errors.add(new FieldError(at, "give pool or pool_file, not both"));
        }
        String summariesFrom = SpecFields.name(
                options, "summaries_from", at + ".summaries_from", false, SpecLimits.VARIANT_NAME_LENGTH, errors);
        if (summariesFrom != null && IclRules.variant(variants, summariesFrom) == null) {
            errors.add(
                    new FieldError(at + ".summaries_from", "names no variant of this run ('" + summariesFrom + "')"));
        }
        if (summariesFrom != null && hint == HintMode.NONE) {
            errors.add(new FieldError(at + ".summaries_from", "only used with hint 'summary' or 'self-summary'"));
        }
        JsonNode summarizer = options.get("summarizer");
        if (summarizer != null && !summarizer.isNull()) {
            summarizer(summarizer);
            if (summariesFrom != null) {
                errors.add(new FieldError(
                        at,
                        "give summarizer (a model writes the summaries) or summaries_from (a variant's answers are"
                                + " the summaries), not both"));
            }
            if (hint != null && hint != HintMode.SUMMARY) {
                errors.add(new FieldError(
                        at + ".summarizer",
                        "only used with hint 'summary' (with 'self-summary' the model writes its own summary;"
                                + " example summaries come from the pool, summaries_from or the extractive"
                                + " summarizer)"));
            }
        }
    }

    private Long whole(String key, long min, long max, String rule) {
        JsonNode value = options.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        Long checked = SpecJson.wholeIn(value, min, max);
        if (checked == null) {
            errors.add(new FieldError(at + "." + key, rule));
        }
        return checked;
    }

    private void nonBlank(String... keys) {
        for (String key : keys) {
            JsonNode value = options.get(key);
            if (value != null && value.isTextual() && value.asText().isBlank()) {
                errors.add(new FieldError(at + "." + key, "must be a non-empty string"));
            }
        }
    }

    /** The answer must leave room for the prompt: max new tokens below the context window. */
    private void budget(Long window, Long maxNew) {
        boolean windowBad = options.hasNonNull("context_window") && window == null;
        boolean maxNewBad = options.hasNonNull("max_new_tokens") && maxNew == null;
        if (windowBad || maxNewBad) {
            return;
        }
        long w = window == null ? IclRules.DEFAULT_CONTEXT_WINDOW : window;
        long m = maxNew == null ? baseMaxTokens() : maxNew;
        if (m >= w) {
            errors.add(new FieldError(
                    at + (maxNew != null ? ".max_new_tokens" : ".context_window"),
                    "max new tokens (" + m + (maxNew != null ? "" : ", the base variant's params.max_tokens")
                            + ") must be smaller than context_window (" + w
                            + "), or no room is left for the prompt"));
        }
    }

    private long baseMaxTokens() {
        Object value =
                base == null || base.params() == null ? null : base.params().get("max_tokens");
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return ((Number) value).longValue();
        }
        return IclRules.DEFAULT_MAX_NEW_TOKENS;
    }

    private void pool() {
        JsonNode pool = options.get("pool");
        if (pool == null || pool.isNull()) {
            return;
        }
        String field = at + ".pool";
        if (!pool.isArray()) {
            errors.add(new FieldError(field, "must be a list of {query, answer, summary?} objects"));
            return;
        }
        if (!SpecFields.withinCount(pool, field, SpecLimits.POOL_EXAMPLES, "examples", errors)) {
            return;
        }
        for (int i = 0; i < pool.size(); i++) {
            JsonNode example = pool.get(i);
            String item = field + "[" + i + "]";
            if (!example.isObject()
                    || !example.path("query").isTextual()
                    || example.path("query").asText().isBlank()
                    || !example.path("answer").isTextual()
                    || example.path("answer").asText().isBlank()) {
                errors.add(new FieldError(item, "needs non-empty 'query' and 'answer' strings"));
                continue;
            }
            SpecJson.refuseUnknownFields(example, item, Set.of("query", "answer", "summary"), errors);
            SpecFields.text(example, "query", item + ".query", true, SpecLimits.TEXT_LENGTH, errors);
            SpecFields.text(example, "answer", item + ".answer", true, SpecLimits.TEXT_LENGTH, errors);
            SpecFields.text(example, "summary", item + ".summary", false, SpecLimits.TEXT_LENGTH, errors);
        }
    }

    /** A run variant's name, or an explicit model {@code {backend, endpoint, api, model, params}}. */
    private void summarizer(JsonNode value) {
        String field = at + ".summarizer";
        if (value.isTextual()) {
            String name = value.asText();
            if (!SpecText.checkName(field, name, SpecLimits.VARIANT_NAME_LENGTH, errors)) {
                return;
            }
            VariantSpec v = name.isBlank() ? null : IclRules.variant(variants, name);
            if (v == null) {
                errors.add(new FieldError(
                        field,
                        "names no variant of this run ('" + name + "'); use one of " + IclRules.names(variants)
                                + ", or give {\"backend\", \"endpoint\", \"api\", \"model\", \"params\"}"));
                return;
            }
            if (BackendNames.replays(v.backend())) {
                errors.add(new FieldError(
                        field,
                        "variant '" + name + "' replays released outputs and cannot write new summaries; name a"
                                + " variant served by a model server, give {\"backend\": \"openai\", \"endpoint\","
                                + " \"api\", \"model\"}, or replay released summaries with summaries_from"));
                return;
            }
            model(field + " (variant '" + name + "')", v.backend(), v.endpoint(), v.api(), v.model());
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(
                    field,
                    "must be the name of a run variant or an object {\"backend\", \"endpoint\", \"api\", \"model\","
                            + " \"params\"}"));
            return;
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!IclRules.SUMMARIZER_KEYS.contains(key)) {
                unknown.add(
                        SpecText.characterProblem(key, false) == null && key.length() <= SpecLimits.LABEL_LENGTH
                                ? key
                                : "(a key with control characters or over " + SpecLimits.LABEL_LENGTH + " characters)");
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError(
                    field, "unknown key(s) " + unknown + "; allowed: backend, endpoint, api, model, params"));
        }
        String backend = string(value, "backend", field, SpecLimits.LABEL_LENGTH);
        String endpoint = string(value, "endpoint", field, SpecLimits.ENDPOINT_LENGTH);
        String api = string(value, "api", field, SpecLimits.LABEL_LENGTH);
        String model = string(value, "model", field, SpecLimits.MODEL_LENGTH);
        JsonNode params = value.get("params");
        if (params != null && params.isObject()) {
            for (String reserved : new TreeSet<>(IclRules.SUMMARIZER_RESERVED_PARAMS)) {
                if (params.has(reserved)) {
                    errors.add(new FieldError(
                            field + ".params." + reserved,
                            "is set by Overton (one completion of its own summarizer prompt); remove it"));
                }
            }
            SamplingParams.check(field + ".params", params, Double.POSITIVE_INFINITY, errors);
        } else if (params != null && !params.isNull()) {
            errors.add(new FieldError(
                    field + ".params", "must be an object of sampling parameters, e.g. {\"temperature\": 0}"));
        }
        if (backend == null && !value.hasNonNull("backend")) {
            errors.add(new FieldError(
                    field + ".backend", "is required, e.g. \"openai\" (a server speaking the OpenAI API)"));
        } else if (BackendNames.replays(backend)) {
            errors.add(new FieldError(
                    field + ".backend",
                    "'replay' cannot write new summaries; use \"openai\", or replay released summaries with"
                            + " summaries_from"));
        }
        model(field, backend, endpoint, api, model);
    }

    private void model(String field, String backend, String endpoint, String api, String model) {
        if (api != null && ApiStyle.find(api).isEmpty()) {
            errors.add(new FieldError(field + ".api", "must be \"chat\" (the default) or \"completions\""));
        }
        if (model == null) {
            errors.add(new FieldError(
                    field + ".model", "is required: the model name the server serves, e.g. gpt-4o-mini"));
        }
        if (BackendNames.OPENAI.equals(backend)) {
            if (endpoint == null) {
                errors.add(new FieldError(
                        field + ".endpoint",
                        "is required for the openai backend: the server's base URL, e.g. http://localhost:8000/v1"));
            } else if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                errors.add(new FieldError(field + ".endpoint", "must be an http:// or https:// URL"));
            }
        }
    }

    /** A non-empty string field of the summarizer object, or {@code null} (with an error when present but wrong). */
    private String string(JsonNode object, String key, String field, int maxLength) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.add(new FieldError(field + "." + key, "must be a non-empty string"));
            return null;
        }
        String s = v.asText().strip();
        return SpecText.checkName(field + "." + key, s, maxLength, errors) ? s : null;
    }
}
