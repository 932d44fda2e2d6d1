package dev.overton.contracts;

import java.util.List;

/**
 * What a user submits to {@code POST /runs}: the dataset, the variants to sample and which variant is the aligned
 * reference.
 *
 * @param name a human name for the run
 * @param dataset the prompts
 * @param reference the name of the reference (aligned) variant
 * @param variants the variants to sample
 */
public record RunSpec(String name, DatasetSpec dataset, String reference, List<VariantSpec> variants) {

    /** The variant named {@code variantName}, or {@code null}. */
    public VariantSpec variant(String variantName) {
        return variants == null
                ? null
                : variants.stream()
                        .filter(v -> v.name().equals(variantName))
                        .findFirst()
                        .orElse(null);
    }
}
