package dev.overton.contracts;

import java.util.List;
import java.util.Set;

import dev.overton.contracts.spec.MeasureGroup;

/**
 * What a user submits to {@code POST /runs}: the dataset, the variants to sample and which variant is the aligned
 * reference.
 *
 * @param name a human name for the run
 * @param dataset the prompts
 * @param reference the name of the reference (aligned) variant
 * @param variants the variants to sample
 * @param icl in-context variants: a base variant prompted with examples (and hints) built by icl-service from the
 *     reference variant's answers; empty when the run asks for none
 * @param judge the LLM judge of the run, or {@code null} when the run asks for no judge verdicts
 * @param label optional free text shown wherever the run is shown (e.g. the model version), or {@code null}; at most
 *     {@value #MAX_LABEL_LENGTH} characters, no control characters
 * @param measures the measure groups the scorer computes for the run, as wire names of {@link
 *     dev.overton.contracts.spec.MeasureGroup} (checked by {@link dev.overton.contracts.spec.MeasureRules}); {@code
 *     null} when the spec names none, which means every group ({@link #measureGroups()})
 * @param tokenShift the token-shift measure (the base model scores the reference's answers token by token), or {@code
 *     null} when the run asks for none
 */
public record RunSpec(
        String name,
        DatasetSpec dataset,
        String reference,
        List<VariantSpec> variants,
        List<IclVariantSpec> icl,
        JudgeSpec judge,
        String label,
        List<String> measures,
        TokenShiftSpec tokenShift) {

    /** Longest accepted {@link #label()}. */
    public static final int MAX_LABEL_LENGTH = 200;

    /** Normalises a missing {@code icl} list to an empty one. */
    public RunSpec {
        icl = icl == null ? List.of() : List.copyOf(icl);
        measures = measures == null ? null : List.copyOf(measures);
    }

    /** A run without a token-shift measure. */
    public RunSpec(
            String name,
            DatasetSpec dataset,
            String reference,
            List<VariantSpec> variants,
            List<IclVariantSpec> icl,
            JudgeSpec judge,
            String label,
            List<String> measures) {
        this(name, dataset, reference, variants, icl, judge, label, measures, null);
    }

    /** A run that computes every measure group. */
    public RunSpec(
            String name,
            DatasetSpec dataset,
            String reference,
            List<VariantSpec> variants,
            List<IclVariantSpec> icl,
            JudgeSpec judge,
            String label) {
        this(name, dataset, reference, variants, icl, judge, label, null);
    }

    /** A run without a label. */
    public RunSpec(
            String name,
            DatasetSpec dataset,
            String reference,
            List<VariantSpec> variants,
            List<IclVariantSpec> icl,
            JudgeSpec judge) {
        this(name, dataset, reference, variants, icl, judge, null, null);
    }

    /** A run without a judge. */
    public RunSpec(
            String name, DatasetSpec dataset, String reference, List<VariantSpec> variants, List<IclVariantSpec> icl) {
        this(name, dataset, reference, variants, icl, null, null, null);
    }

    /** A run without in-context variants. */
    public RunSpec(String name, DatasetSpec dataset, String reference, List<VariantSpec> variants) {
        this(name, dataset, reference, variants, List.of(), null, null, null);
    }

    /** The groups the run asked for: {@link #measures()}, or every group when it names none. */
    public Set<MeasureGroup> measureGroups() {
        return MeasureGroup.selected(measures);
    }

    /** The variant named {@code variantName}, or {@code null}. */
    public VariantSpec variant(String variantName) {
        return variants == null
                ? null
                : variants.stream()
                        .filter(v -> v.name().equals(variantName))
                        .findFirst()
                        .orElse(null);
    }

    /**
     * What is wrong with {@code label} as a run's label, or {@code null} when it is acceptable (absent, or at most
     * {@value #MAX_LABEL_LENGTH} characters without control characters, so that it prints on one line everywhere).
     */
    public static String labelProblem(String label) {
        if (label == null) {
            return null;
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return "is " + label.length() + " characters long; use at most " + MAX_LABEL_LENGTH;
        }
        if (label.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character (newline, tab, NUL, ...); use one line of plain text";
        }
        return null;
    }
}
