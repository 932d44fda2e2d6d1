package dev.overton.generator;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.support.http.Problem;

/**
 * Registers the types Jackson reads and writes by reflection, so that the native image serialises them too (the
 * contracts module is plain Java and cannot carry the annotation itself).
 */
@RegisterForReflection(
        targets = {
            ChatMessage.class,
            Completion.class,
            CompletionRequest.class,
            DatasetSpec.class,
            GenerationRequest.class,
            IclVariantSpec.class,
            JudgeSpec.class,
            MonitorDefined.class,
            MonitorSpec.class,
            MonitorSpec.Window.class,
            MonitorSpec.Alarms.class,
            MonitorSpec.Retention.class,
            MonitorSpec.Source.class,
            MonitorWindow.class,
            AlarmChanged.class,
            dev.overton.generator.monitors.persistence.OpenAlarmStore.OpenAlarm.class,
            Prompt.class,
            RunCreated.class,
            RunSpec.class,
            Sample.class,
            SampleSet.class,
            ScorerCapabilities.class,
            ScoreValue.class,
            SetScored.class,
            VariantSpec.class,
            FieldError.class,
            Problem.class,
            Problem.FieldError.class
        })
public class ReflectionRegistrations {}
