package dev.overton.scorer.compare.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.ComparisonRow;

/**
 * Registers the comparison's answer and problem records for reflection, so that Jackson writes them in the native
 * image too (a problem body goes out inside a {@code Response}, whose entity type the build cannot see).
 */
@RegisterForReflection(
        targets = {
            Comparison.class,
            Comparison.VariantPair.class,
            Comparison.Statistics.class,
            ComparisonRow.class,
            CompareProblems.Problem.class,
            CompareProblems.FieldError.class
        })
public class CompareReflectionRegistrations {}
