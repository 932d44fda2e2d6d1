package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;

/**
 * The checks of a run's {@code tokenShift} ({@link TokenShiftSpec}) that do not depend on where the generator runs:
 * the fields, {@code base} and {@code reference} naming two different variants of the run, {@code samples} from 1 to
 * the reference's N, {@code topK} from 1 to {@value TokenShiftSpec#MAX_TOP_K}, and {@code contexts} naming {@value
 * TokenShiftSpec#PLAIN} or icl entries on the same base, each once. Whether the base variant's backend can score
 * (an {@code openai} server with the completions API, or {@code jlama}; never {@code replay}) is the backend's own
 * check, made by the generator on {@link Read#baseVariant()}.
 */
public final class TokenShiftRules {

    /** The fields of {@code tokenShift}. */
    public static final Set<String> FIELDS = Set.of("base", "reference", "samples", "topK", "contexts");

    private TokenShiftRules() {}

    /**
     * The measure as read.
     *
     * @param spec the measure, defaults applied
     * @param baseVariant the run variant {@code base} names, for its backend's check; {@code null} when it names none
     */
    public record Read(TokenShiftSpec spec, VariantSpec baseVariant) {}

    /**
     * Reads {@code tokenShift}; {@code null} when the run asks for none or it is not an object.
     *
     * @param variants the run's variants
     * @param icl the run's icl entries
     * @param runReference the run's {@code reference}, the default of {@code tokenShift.reference}
     */
    public static Read read(
            JsonNode node,
            List<VariantSpec> variants,
            List<IclVariantSpec> icl,
            String runReference,
            List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "tokenShift",
                    "must be an object, e.g. {\"base\": \"llama-2\", \"reference\": \"llama-2-chat\", \"samples\": 1,"
                            + " \"topK\": 5, \"contexts\": [\"plain\"]}"));
            return null;
        }
        SpecJson.refuseUnknownFields(node, "tokenShift", FIELDS, errors);
        String base = SpecFields.name(node, "base", "tokenShift.base", true, SpecLimits.VARIANT_NAME_LENGTH, errors);
        VariantSpec baseVariant = variantNamed(base, "tokenShift.base", "the base model that scores", variants, errors);
        JsonNode referenceNode = node.get("reference");
        boolean referenceGiven = referenceNode != null && !referenceNode.isNull();
        String reference = referenceGiven
                ? SpecFields.name(
                        node, "reference", "tokenShift.reference", false, SpecLimits.VARIANT_NAME_LENGTH, errors)
                : runReference;
        VariantSpec referenceVariant = referenceGiven
                ? variantNamed(reference, "tokenShift.reference", "the aligned model whose answers", variants, errors)
                : reference == null ? null : IclRules.variant(variants, reference);
        if (base != null && base.equals(reference)) {
            errors.add(new FieldError(
                    referenceGiven ? "tokenShift.reference" : "tokenShift.base",
                    "'" + base + "' is both base and reference; the base model scores another variant's answers, so"
                            + " name the aligned variant as reference"));
        }
        int maxSamples = referenceVariant == null || referenceVariant.samples() < 1
                ? SpecLimits.MAX_SAMPLES
                : Math.min(referenceVariant.samples(), SpecLimits.MAX_SAMPLES);
        int samples = SpecFields.whole(
                node,
                "samples",
                "tokenShift.samples",
                1,
                maxSamples,
                TokenShiftSpec.DEFAULT_SAMPLES,
                "must be a whole number from 1 to " + maxSamples + " (the reference's N): how many of its answers per"
                        + " prompt the base model scores",
                errors);
        int topK = SpecFields.whole(
                node,
                "topK",
                "tokenShift.topK",
                1,
                TokenShiftSpec.MAX_TOP_K,
                TokenShiftSpec.DEFAULT_TOP_K,
                "must be a whole number from 1 to " + TokenShiftSpec.MAX_TOP_K + ": how many of the base model's most"
                        + " likely tokens an answer token is ranked among (5, the default, is the most the OpenAI"
                        + " API serves; ranks above 3 count as shifted)",
                errors);
        List<String> contexts = contexts(node.get("contexts"), base, icl, errors);
        return new Read(new TokenShiftSpec(base, reference, samples, topK, contexts), baseVariant);
    }

    private static VariantSpec variantNamed(
            String name, String at, String role, List<VariantSpec> variants, List<FieldError> errors) {
        if (name == null) {
            return null;
        }
        VariantSpec variant = IclRules.variant(variants, name);
        if (variant == null && !variants.isEmpty()) {
            errors.add(new FieldError(
                    at,
                    "names no variant of this run ('" + name + "'); it must be one of " + IclRules.names(variants)
                            + " (" + role + ")"));
        }
        return variant;
    }

    private static List<String> contexts(
            JsonNode node, String base, List<IclVariantSpec> icl, List<FieldError> errors) {
        List<String> allowed = new ArrayList<>();
        allowed.add(TokenShiftSpec.PLAIN);
        icl.stream()
                .filter(e -> e.name() != null && e.base() != null && e.base().equals(base))
                .forEach(e -> allowed.add(e.name()));
        if (node == null || node.isNull()) {
            return List.of(TokenShiftSpec.PLAIN);
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError(
                    "tokenShift.contexts", "must be a non-empty list from " + allowed + ", e.g. [\"plain\"]"));
            return List.of();
        }
        if (!SpecFields.withinCount(node, "tokenShift.contexts", SpecLimits.ICL_ENTRIES + 1, "entries", errors)) {
            return List.of();
        }
        List<String> contexts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "tokenShift.contexts[" + i + "]";
            if (!item.isTextual()) {
                errors.add(new FieldError(at, "must be a string, one of " + allowed));
                continue;
            }
            String name = item.asText();
            if (!SpecText.checkName(at, name, SpecLimits.VARIANT_NAME_LENGTH, errors)) {
                continue;
            }
            if (contexts.contains(name)) {
                errors.add(new FieldError(at, "repeats '" + name + "'; list each context once"));
            } else if (allowed.contains(name)) {
                contexts.add(name);
            } else {
                IclVariantSpec other = icl.stream()
                        .filter(e -> name.equals(e.name()))
                        .findFirst()
                        .orElse(null);
                errors.add(new FieldError(
                        at,
                        other == null
                                ? "'" + name + "' is neither 'plain' nor an icl entry of this run; use one of "
                                        + allowed
                                : "icl entry '" + name + "' prompts '" + other.base() + "', not the scoring base '"
                                        + base + "'; its in-context prompt is another model's, so use one of "
                                        + allowed));
            }
        }
        return contexts;
    }
}
