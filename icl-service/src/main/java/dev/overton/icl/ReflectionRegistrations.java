package dev.overton.icl;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.VariantSpec;
import dev.overton.support.http.Problem;

/**
 * Registers the types Jackson reads by reflection, so that the native image deserialises them too (the contracts
 * module is plain Java and cannot carry the annotation itself); and the ONNX Runtime classes its JNI code instantiates
 * (value and node infos, tensors, its exception), which the MiniLM embedder needs. Their JNI access, the native
 * libraries and run-time initialisation are declared in {@code META-INF/native-image/dev.overton/icl-service/} and
 * {@code quarkus.native.resources.includes}.
 */
@RegisterForReflection(
        targets = {
            ChatMessage.class,
            Completion.class,
            CompletionRequest.class,
            DatasetSpec.class,
            GenerationRequest.class,
            IclVariantSpec.class,
            Prompt.class,
            RecoveryReport.class,
            RecoveryReport.Recovery.class,
            MonitorWindow.class,
            RunCreated.class,
            RunSpec.class,
            Sample.class,
            SampleSet.class,
            ScoreValue.class,
            SetScored.class,
            VariantSpec.class,
            Problem.class,
            Problem.FieldError.class
        },
        classNames = {
            "ai.onnxruntime.NodeInfo",
            "ai.onnxruntime.TensorInfo",
            "ai.onnxruntime.SequenceInfo",
            "ai.onnxruntime.MapInfo",
            "ai.onnxruntime.OnnxTensor",
            "ai.onnxruntime.OnnxSparseTensor",
            "ai.onnxruntime.OrtException"
        })
public class ReflectionRegistrations {}
