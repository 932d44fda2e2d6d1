package dev.overton.icl;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.VariantSpec;

/**
 * Registers the types Jackson reads by reflection, so that the native image deserialises them too (the contracts
 * module is plain Java and cannot carry the annotation itself).
 */
@RegisterForReflection(
        targets = {
            ChatMessage.class,
            DatasetSpec.class,
            GenerationRequest.class,
            IclVariantSpec.class,
            Prompt.class,
            RecoveryReport.class,
            RecoveryReport.Recovery.class,
            RunCreated.class,
            RunSpec.class,
            Sample.class,
            SampleSet.class,
            ScoreValue.class,
            SetScored.class,
            VariantSpec.class
        })
public class ReflectionRegistrations {}
