package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;

/**
 * The checks of {@code variants[]} every backend shares: the fields, names, backend choice, N and the common
 * parameters. What a backend needs of its own (an endpoint, a model, the params it understands) it checks itself from
 * the returned {@link ModelEntry}.
 */
public final class VariantRules {

    /** The fields of a variant. */
    public static final Set<String> FIELDS =
            Set.of("name", "backend", "model", "source", "endpoint", "api", "samples", "params");

    private VariantRules() {}

    /**
     * A variant as read: its spec (defaults applied) and what its backend checks.
     *
     * @param spec the variant
     * @param entry the backend-specific fields
     */
    public record Read(VariantSpec spec, ModelEntry entry) {}

    /**
     * Reads {@code variants}.
     *
     * @param backends the backends the generator offers
     */
    public static List<Read> readAll(JsonNode node, Set<String> backends, List<FieldError> errors) {
        List<Read> variants = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add(new FieldError(
                    "variants", "is required: a list of variants to sample, e.g. a base and an aligned model"));
            return variants;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("variants", "must be a non-empty list of variants"));
            return variants;
        }
        if (!SpecFields.withinCount(node, "variants", SpecLimits.VARIANTS, "variants", errors)) {
            return variants;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Read read = readOne(node.get(i), "variants[" + i + "]", backends, names, errors);
            if (read != null) {
                variants.add(read);
            }
        }
        return variants;
    }

    private static Read readOne(
            JsonNode v, String at, Set<String> backends, Set<String> names, List<FieldError> errors) {
        if (!v.isObject()) {
            errors.add(new FieldError(at, "must be an object with name, backend, samples, ..."));
            return null;
        }
        SpecJson.refuseUnknownFields(v, at, FIELDS, errors);
        String name = uniqueName(v, at, names, "variant names must be unique", errors);
        String backend = SpecFields.name(v, "backend", at + ".backend", true, SpecLimits.LABEL_LENGTH, errors);
        if (backend != null && !backends.contains(backend)) {
            errors.add(new FieldError(
                    at + ".backend",
                    "'" + backend + "' is not available in this version; use one of " + new TreeSet<>(backends)));
        }
        String model = SpecFields.name(v, "model", at + ".model", false, SpecLimits.MODEL_LENGTH, errors);
        String source = SpecFields.name(v, "source", at + ".source", false, SpecLimits.PATH_LENGTH, errors);
        String endpoint = SpecFields.name(v, "endpoint", at + ".endpoint", false, SpecLimits.ENDPOINT_LENGTH, errors);
        String api = api(v, at, errors);
        int samples = SpecFields.whole(
                v,
                "samples",
                at + ".samples",
                1,
                SpecLimits.MAX_SAMPLES,
                SpecLimits.DEFAULT_SAMPLES,
                "must be a whole number from 1 to " + SpecLimits.MAX_SAMPLES + " (N per prompt), e.g. 5",
                errors);
        JsonNode paramsNode = v.get("params");
        int before = errors.size();
        Map<String, Object> params = params(paramsNode, at + ".params", Double.POSITIVE_INFINITY, errors);
        // A backend checks only params whose keys and strings passed the common checks.
        JsonNode checkedParams = errors.size() == before ? paramsNode : null;
        if (BackendNames.replays(backend) && (source == null || source.isBlank())) {
            errors.add(new FieldError(
                    at + ".source", "is required for the replay backend: the released samples.jsonl to answer from"));
        }
        if (api == null && backend != null && !BackendNames.replays(backend)) {
            api = ApiStyle.DEFAULT.wireName();
        }
        ModelEntry entry = new ModelEntry(at, false, model, endpoint, v.hasNonNull("api") ? api : null, checkedParams);
        return new Read(new VariantSpec(name, backend, model, source, endpoint, api, samples, params), entry);
    }

    /** The entry's {@code api}: {@code chat} or {@code completions}, or {@code null} when not given or wrong. */
    static String api(JsonNode entry, String at, List<FieldError> errors) {
        String api = SpecFields.name(entry, "api", at + ".api", false, SpecLimits.LABEL_LENGTH, errors);
        if (api != null && ApiStyle.find(api).isEmpty()) {
            errors.add(new FieldError(
                    at + ".api",
                    at.equals("judge")
                            ? "must be 'chat' (the judge prompt sent as messages) or 'completions' (sent as one raw"
                                    + " prompt)"
                            : "must be 'chat' (an instruct model, messages sent as they are) or 'completions' (a base"
                                    + " model, prompt framed as '# Query:' / '# Answer:')"));
            return null;
        }
        return api;
    }

    /** The entry's {@code params} as a map, checked by {@link SamplingParams}; empty when absent or wrong. */
    static Map<String, Object> params(JsonNode node, String at, double maxTemperature, List<FieldError> errors) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(at, "must be an object of sampling parameters"));
            return params;
        }
        int before = errors.size();
        SamplingParams.check(at, node, maxTemperature, errors);
        if (errors.size() == before) {
            @SuppressWarnings("unchecked")
            Map<String, Object> converted = EventJson.mapper().convertValue(node, Map.class);
            params.putAll(converted);
        }
        return params;
    }

    /** The entry's required {@code name}, checked for its form and against the names taken so far. */
    static String uniqueName(JsonNode entry, String at, Set<String> taken, String uniqueness, List<FieldError> errors) {
        String name = SpecFields.name(entry, "name", at + ".name", true, SpecLimits.VARIANT_NAME_LENGTH, errors);
        if (name != null && !SpecText.VARIANT_NAME.matcher(name).matches()) {
            errors.add(new FieldError(at + ".name", SpecText.VARIANT_NAME_RULE));
        } else if (name != null && !taken.add(name)) {
            errors.add(new FieldError(at + ".name", "repeats '" + name + "'; " + uniqueness));
        }
        return name;
    }
}
