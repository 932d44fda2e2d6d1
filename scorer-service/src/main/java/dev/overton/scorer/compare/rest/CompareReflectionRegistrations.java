package dev.overton.scorer.compare.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.ComparisonRow;

/**
 * Registers the comparison's answer records for reflection, so that Jackson writes them in the native image too.
 */
@RegisterForReflection(
        targets = {Comparison.class, Comparison.VariantPair.class, Comparison.Statistics.class, ComparisonRow.class})
public class CompareReflectionRegistrations {}
