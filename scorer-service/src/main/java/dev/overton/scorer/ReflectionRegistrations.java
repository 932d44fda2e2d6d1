package dev.overton.scorer;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.SetScored;

/**
 * Registers the types Jackson reads and writes by reflection, so that the native image serialises them too (the
 * contracts module is plain Java and cannot carry the annotation itself).
 */
@RegisterForReflection(
        targets = {Sample.class, SampleSet.class, ScoreValue.class, SetScored.class, ScorerCapabilities.class})
public class ReflectionRegistrations {}
