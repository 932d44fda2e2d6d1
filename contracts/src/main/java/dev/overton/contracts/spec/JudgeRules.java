package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.JudgeSpec;

/**
 * The checks of a run's {@code judge} that do not depend on where the generator runs: fields, judgements, N, the
 * common parameters (temperature at most {@link SpecLimits#MAX_JUDGE_TEMPERATURE}) and the shape of {@code sources}.
 * The judge's backend checks its own fields, and the generator checks that replayed sources are readable files inside
 * its allowed folders.
 */
public final class JudgeRules {

    /** The fields of a judge. */
    public static final Set<String> FIELDS =
            Set.of("backend", "endpoint", "api", "model", "params", "judgements", "samples", "sources");

    private JudgeRules() {}

    /**
     * The judge as read, and what its backend checks.
     *
     * @param spec the judge, defaults applied
     * @param entry the backend-specific fields
     */
    public record Read(JudgeSpec spec, ModelEntry entry) {}

    /**
     * Reads {@code judge}; {@code null} when the run asks for none or it is not an object.
     *
     * @param backends the backends a judge may use
     */
    public static Read read(JsonNode node, Set<String> backends, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "judge",
                    "must be an object with backend, model and judgements, e.g. {\"backend\": \"openai\","
                            + " \"endpoint\": \"http://localhost:8000/v1\", \"model\": \"...\","
                            + " \"judgements\": [\"quality\"]}"));
            return null;
        }
        SpecJson.refuseUnknownFields(node, "judge", FIELDS, errors);
        String backend = SpecFields.name(node, "backend", "judge.backend", true, SpecLimits.LABEL_LENGTH, errors);
        if (backend != null && !backends.contains(backend)) {
            errors.add(new FieldError(
                    "judge.backend", "'" + backend + "' is not available in this generator; use one of " + backends));
        }
        String endpoint =
                SpecFields.name(node, "endpoint", "judge.endpoint", false, SpecLimits.ENDPOINT_LENGTH, errors);
        String model = SpecFields.name(node, "model", "judge.model", false, SpecLimits.MODEL_LENGTH, errors);
        String api = VariantRules.api(node, "judge", errors);
        JsonNode paramsNode = node.get("params");
        int before = errors.size();
        Map<String, Object> params =
                VariantRules.params(paramsNode, "judge.params", SpecLimits.MAX_JUDGE_TEMPERATURE, errors);
        JsonNode checkedParams = errors.size() == before ? paramsNode : null;
        List<String> judgements = judgements(node.get("judgements"), errors);
        int samples = SpecFields.whole(
                node,
                "samples",
                "judge.samples",
                0,
                Integer.MAX_VALUE,
                0,
                "must be a whole number >= 0: how many samples of each variant are judged per prompt (0 = all)",
                errors);
        Map<String, String> sources = sources(node.get("sources"), errors);
        JudgeSpec spec = new JudgeSpec(
                backend,
                endpoint,
                api == null ? ApiStyle.DEFAULT.wireName() : api,
                model,
                params,
                judgements,
                samples,
                sources);
        return new Read(spec, new ModelEntry("judge", true, model, endpoint, api, checkedParams));
    }

    private static List<String> judgements(JsonNode node, List<FieldError> errors) {
        String allowed = Judgement.wireNames().toString();
        if (node == null || node.isNull()) {
            errors.add(new FieldError("judge.judgements", "is required: a non-empty list from " + allowed));
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("judge.judgements", "must be a non-empty list from " + allowed));
            return List.of();
        }
        List<String> judgements = new ArrayList<>();
        for (int i = 0; i < node.size() && i <= Judgement.values().length; i++) {
            JsonNode j = node.get(i);
            String at = "judge.judgements[" + i + "]";
            if (!j.isTextual() || Judgement.find(j.asText()).isEmpty()) {
                errors.add(new FieldError(at, "must be one of " + allowed));
            } else if (judgements.contains(j.asText())) {
                errors.add(new FieldError(at, "repeats '" + j.asText() + "'; list each judgement once"));
            } else {
                judgements.add(j.asText());
            }
        }
        if (node.size() > Judgement.values().length + 1) {
            errors.add(new FieldError(
                    "judge.judgements", "has " + node.size() + " entries; list each of " + allowed + " at most once"));
        }
        return judgements;
    }

    private static Map<String, String> sources(JsonNode node, List<FieldError> errors) {
        Map<String, String> sources = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return sources;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "judge.sources",
                    "must be an object from judgement to released judge output, e.g. {\"quality\":"
                            + " \"judge/quality/samples.jsonl\"}"));
            return sources;
        }
        if (!SpecFields.withinCount(node, "judge.sources", SpecLimits.PARAMS, "entries", errors)) {
            return sources;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!SpecText.checkName(
                    "judge.sources (a key)",
                    e.getKey(),
                    SpecLimits.LABEL_LENGTH + SpecLimits.VARIANT_NAME_LENGTH,
                    errors)) {
                continue;
            }
            String at = "judge.sources." + e.getKey();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                errors.add(new FieldError(at, "must be a file path string"));
            } else if (SpecText.checkName(at, e.getValue().asText(), SpecLimits.PATH_LENGTH, errors)) {
                sources.put(e.getKey(), e.getValue().asText());
            }
        }
        return sources;
    }
}
