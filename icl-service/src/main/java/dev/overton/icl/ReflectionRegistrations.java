package dev.overton.icl;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.VariantSpec;

/**
 * Registers the types Jackson reads by reflection, so that the native image deserialises them too (the contracts
 * module is plain Java and cannot carry the annotation itself).
 */
@RegisterForReflection(
        targets = {
            ChatMessage.class,
            DatasetSpec.class,
            RunCreated.class,
            RunSpec.class,
            Sample.class,
            SampleSet.class,
            VariantSpec.class
        })
public class ReflectionRegistrations {}
