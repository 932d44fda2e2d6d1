package dev.overton.contracts.spec;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.VariantSpec;

/** The checks of a run spec's top level: its fields, {@code name}, {@code reference} and the shape of {@code dataset}. */
public final class RunSpecRules {

    /** The fields of a run spec. */
    public static final Set<String> FIELDS =
            Set.of("name", "label", "dataset", "reference", "variants", "icl", "judge", "measures", "tokenShift");

    /** The fields of {@code dataset}. */
    public static final Set<String> DATASET_FIELDS = Set.of("path", "prompts");

    private RunSpecRules() {}

    /** The run's {@code name}: required, not blank, at most {@link SpecLimits#RUN_NAME_LENGTH}, no control character. */
    public static String name(JsonNode root, List<FieldError> errors) {
        String name = SpecFields.name(root, "name", "name", true, SpecLimits.RUN_NAME_LENGTH, errors);
        if (name != null && name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank; give the run a human-readable name"));
        }
        return name;
    }

    /**
     * The run's optional free-text {@code label} (e.g. the model version): one line, at most {@value
     * dev.overton.contracts.RunSpec#MAX_LABEL_LENGTH} characters ({@link dev.overton.contracts.RunSpec#labelProblem}).
     */
    public static String label(JsonNode root, List<FieldError> errors) {
        JsonNode value = root.get("label");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("label", "must be a string, e.g. the model version \"v2.1\""));
            return null;
        }
        String problem = dev.overton.contracts.RunSpec.labelProblem(value.asText());
        if (problem != null) {
            errors.add(new FieldError("label", problem));
            return null;
        }
        return value.asText();
    }

    /** The run's {@code reference}: required, and the name of one of its variants. */
    public static String reference(JsonNode root, List<VariantSpec> variants, List<FieldError> errors) {
        String reference =
                SpecFields.name(root, "reference", "reference", true, SpecLimits.VARIANT_NAME_LENGTH, errors);
        if (reference != null && !variants.isEmpty() && IclRules.variant(variants, reference) == null) {
            errors.add(new FieldError(
                    "reference",
                    "names no variant of this run ('" + reference + "'); use one of " + IclRules.names(variants)));
        }
        return reference;
    }
}
