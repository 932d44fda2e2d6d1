package dev.overton.semantic.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One ONNX Runtime session of an encoder graph: token ids in, token hidden states out, nothing else (no tokenizer, no
 * windows). {@link OnnxEncoder} runs texts through it; the semantic bench runs pre-tokenized windows through it alone
 * to measure the model's own ceiling.
 *
 * <p>ONNX Runtime parallelises inside a call ({@code threads} intra-op threads) with spinning switched off: on a
 * shared two-core machine, spinning threads measured two to four times slower than one thread. Thread-safe: ONNX
 * Runtime sessions may be run from several threads at once. Closed to release native memory.
 */
public final class OnnxSession implements AutoCloseable {

    private final EncoderSpec spec;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean needsTokenTypes;
    private final AtomicLong windowsRun = new AtomicLong();
    private final AtomicLong tokensRun = new AtomicLong();
    private final AtomicLong runNanos = new AtomicLong();

    /**
     * Opens the model and checks its signature.
     *
     * @param threads ONNX Runtime intra-op threads (at least 1)
     */
    public OnnxSession(EncoderSpec spec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.spec = spec;
        this.environment = OrtEnvironment.getEnvironment();
        OrtSession opened = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opened = open(spec, options);
            this.needsTokenTypes = checkSignature(opened, spec);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(opened);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(
                    "Cannot load ONNX model " + spec.model().describe(), e);
        }
        this.session = opened;
    }

    private static OrtSession open(EncoderSpec spec, OrtSession.SessionOptions options) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        if (spec.model() instanceof ModelSource.FilePath file) {
            return env.createSession(file.path().toString(), options);
        }
        try (InputStream in = spec.model().open()) {
            return env.createSession(in.readAllBytes(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read ONNX model " + spec.model().describe(), e);
        }
    }

    /** Checks inputs and the output; returns whether the graph takes {@code token_type_ids}. */
    private static boolean checkSignature(OrtSession session, EncoderSpec spec) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!outputs.containsKey(spec.outputName())) {
            throw new IllegalArgumentException("Encoder " + spec.name() + " has no output '" + spec.outputName()
                    + "'; its outputs are " + outputs.keySet() + ": set outputName to the token hidden states");
        }
        var inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalArgumentException(
                    "Encoder " + spec.name() + " must take input_ids and attention_mask; its inputs are " + inputs);
        }
        return inputs.contains("token_type_ids");
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                // the load already failed; that error is the one to report
            }
        }
    }

    /**
     * The hidden size declared by the graph's output, or, when the graph leaves it dynamic, measured by running
     * {@code probe} (token ids of a short text).
     */
    int dimension(long[] probe) {
        NodeInfo info;
        try {
            info = session.getOutputInfo().get(spec.outputName());
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot read the outputs of " + spec.name(), e);
        }
        if (info.getInfo() instanceof TensorInfo tensor) {
            long[] shape = tensor.getShape();
            if (shape.length != 3) {
                throw new IllegalArgumentException(
                        "Output '" + spec.outputName() + "' of " + spec.name() + " has shape " + Arrays.toString(shape)
                                + "; token hidden states are [batch, sequence, hidden]");
            }
            if (shape[2] > 0) {
                return (int) shape[2];
            }
        }
        return run(List.of(probe))[0].length / probe.length;
    }

    /** Windows run so far. */
    public long windowsRun() {
        return windowsRun.get();
    }

    /** Real (unpadded) tokens run so far. */
    public long tokensRun() {
        return tokensRun.get();
    }

    /**
     * Wall time spent inside ONNX Runtime so far, summed over calls (calls running at once each count): with the tokens
     * run, the encoder's own throughput inside a pipeline, to compare with what the pipeline achieves around it.
     */
    public long runNanos() {
        return runNanos.get();
    }

    /**
     * Runs windows (token ids, special tokens included) through the model in one padded batch; returns each window's
     * states, unpadded, {@code ids.length × hidden} floats each. Blocking.
     */
    public float[][] run(List<long[]> batch) {
        int rows = batch.size();
        int width = 0;
        for (long[] ids : batch) {
            width = Math.max(width, ids.length);
        }
        long[] inputIds = new long[rows * width];
        long[] attention = new long[rows * width];
        long real = 0;
        for (int r = 0; r < rows; r++) {
            long[] ids = batch.get(r);
            System.arraycopy(ids, 0, inputIds, r * width, ids.length);
            Arrays.fill(attention, r * width, r * width + ids.length, 1L);
            real += ids.length;
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(attention), shape));
            if (needsTokenTypes) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape));
            }
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(inputs, Set.of(spec.outputName()))) {
                Optional<OnnxValue> value = result.get(spec.outputName());
                OnnxTensor tensor = (OnnxTensor) value.orElseThrow();
                int dim = (int) tensor.getInfo().getShape()[2];
                FloatBuffer flat = tensor.getFloatBuffer();
                float[][] out = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    int len = batch.get(r).length;
                    out[r] = new float[len * dim];
                    flat.get(r * width * dim, out[r], 0, len * dim);
                }
                windowsRun.addAndGet(rows);
                tokensRun.addAndGet(real);
                runNanos.addAndGet(System.nanoTime() - start);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed on a batch of " + rows + " windows of up to " + width + " tokens with model "
                            + spec.name(),
                    e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close ONNX session of " + spec.name(), e);
        }
    }
}
