package dev.overton.scorer.judge.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;

/**
 * Registers the event types the judge feature reads and writes with Jackson by reflection (runs, generation requests,
 * completion requests and completions, and the judge spec stored per run), so that the native image handles them too;
 * the contracts module is plain Java and cannot carry the annotation.
 */
@RegisterForReflection(
        targets = {
            MonitorWindow.class,
            RunCreated.class,
            RunSpec.class,
            DatasetSpec.class,
            VariantSpec.class,
            IclVariantSpec.class,
            JudgeSpec.class,
            GenerationRequest.class,
            Prompt.class,
            ChatMessage.class,
            CompletionRequest.class,
            Completion.class
        })
public class JudgeReflectionRegistrations {}
