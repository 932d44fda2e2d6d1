package dev.overton.scorer;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.SetScored;
import dev.overton.support.http.Problem;

/**
 * Registers the types Jackson reads and writes by reflection, so that the native image serialises them too (the
 * contracts module is plain Java and cannot carry the annotation itself).
 */
@RegisterForReflection(
        targets = {
            Sample.class,
            SampleSet.class,
            ScoreValue.class,
            SetScored.class,
            ScorerCapabilities.class,
            Problem.class,
            Problem.FieldError.class
        })
public class ReflectionRegistrations {}
