package dev.overton.semantic.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * A transformer encoder run in-process on ONNX Runtime: text in, one hidden-state vector per token out. Both sentence
 * embeddings (mean pooling) and BERTScore (token vectors) are built on it, so the model is loaded once per process.
 *
 * <p>Texts are tokenized with the model's own {@code tokenizer.json} (Hugging Face tokenizers through DJL, with the
 * file's truncation and padding switched off) and split into windows by {@link WindowPlan}; each window is
 * {@code prefix special tokens + content slice + suffix special tokens}, so BERT's {@code [CLS] … [SEP]} and RoBERTa's
 * {@code <s> … </s>} are handled alike. The windows of all texts of a call are sorted by length and run in groups of
 * at most {@code batchTokens} padded tokens per ONNX call.
 *
 * <p>The default, {@link #UNBATCHED}, runs every window in its own call, and that is deliberate: the bundled model is
 * dynamically quantized, so its int8 activation scales are computed over the whole input tensor and a text's vectors
 * would depend on what it is batched with (measured: token vectors moved by up to 0.36, sentence embeddings to a
 * cosine of 0.992 with their unbatched selves), which would also make cached values depend on call order. Measured on
 * this two-core machine, single windows were no slower per token than padded batches (7,800 against 6,900 tokens/s).
 * For a float model, padded batches are exact up to rounding and can be switched on ({@link #BATCH_TOKENS}).
 *
 * <p>ONNX Runtime parallelises inside a call ({@code threads} intra-op threads) with spinning switched off: on a
 * shared two-core machine, spinning threads measured two to four times slower than one thread. Calls block: callers
 * run them on worker threads, never on an event loop. Instances are thread-safe (ONNX Runtime sessions and the
 * tokenizer are), and are closed to release native memory.
 */
public final class OnnxEncoder implements AutoCloseable {

    /** One window per ONNX call: results independent of other texts; the default. */
    public static final int UNBATCHED = 1;

    /** A padded-batch budget that suits float (not dynamically quantized) models. */
    public static final int BATCH_TOKENS = 4096;

    /** A tokenized text: ids with special tokens, and which of them are special. */
    public record Tokenized(long[] ids, boolean[] special) {}

    private final EncoderSpec spec;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final int dimension;
    private final int specialTokens;
    private final int batchTokens;
    private final AtomicLong textsEncoded = new AtomicLong();
    private final AtomicLong windowsEncoded = new AtomicLong();
    private final AtomicLong tokensEncoded = new AtomicLong();

    /** Loads the encoder with one intra-op thread per available processor, unbatched. */
    public OnnxEncoder(EncoderSpec spec) {
        this(spec, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads the encoder, unbatched.
     *
     * @param spec the model
     * @param threads ONNX Runtime intra-op threads (at least 1)
     */
    public OnnxEncoder(EncoderSpec spec, int threads) {
        this(spec, threads, UNBATCHED);
    }

    /**
     * Loads the encoder.
     *
     * @param spec the model
     * @param threads ONNX Runtime intra-op threads (at least 1)
     * @param batchTokens most padded tokens per ONNX call; a window longer than this runs alone, so {@link #UNBATCHED}
     *     runs every window alone
     */
    public OnnxEncoder(EncoderSpec spec, int threads, int batchTokens) {
        if (batchTokens < 1) {
            throw new IllegalArgumentException("batchTokens must be >= 1, was " + batchTokens);
        }
        this.batchTokens = batchTokens;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.spec = spec;
        this.environment = OrtEnvironment.getEnvironment();
        try (InputStream tokenizerJson = spec.tokenizer().open()) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(
                    tokenizerJson, Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read tokenizer " + spec.tokenizer().describe(), e);
        }
        OrtSession opened = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opened = openSession(spec, options);
            this.needsTokenTypes = checkSignature(opened, spec);
        } catch (OrtException | RuntimeException e) {
            closeAfterFailure(opened, tokenizer);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(
                    "Cannot load ONNX model " + spec.model().describe(), e);
        }
        this.session = opened;
        this.specialTokens = countSpecial(tokenize("a"));
        this.dimension = probeDimension();
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

    private static void closeAfterFailure(OrtSession session, HuggingFaceTokenizer tokenizer) {
        tokenizer.close();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                // the load already failed; that error is the one to report
            }
        }
    }

    private static OrtSession openSession(EncoderSpec spec, OrtSession.SessionOptions options) throws OrtException {
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

    private int probeDimension() {
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
        Tokenized probe = tokenize("a");
        float[][] out = run(List.of(probe.ids()));
        return out[0].length / probe.ids().length;
    }

    /** The model this encoder runs. */
    public EncoderSpec spec() {
        return spec;
    }

    /** Hidden size: the length of each token vector. */
    public int dimension() {
        return dimension;
    }

    /** Special tokens the tokenizer adds to one sequence (2 for BERT and RoBERTa). */
    public int specialTokens() {
        return specialTokens;
    }

    /** Content tokens that fit in one window. */
    public int windowCapacity() {
        return spec.maxLength() - specialTokens;
    }

    /** Texts encoded so far (each call counts each text it was given). */
    public long textsEncoded() {
        return textsEncoded.get();
    }

    /** Windows run through the model so far. */
    public long windowsEncoded() {
        return windowsEncoded.get();
    }

    /** Real (unpadded) tokens run through the model so far. */
    public long tokensEncoded() {
        return tokensEncoded.get();
    }

    /** Tokenizes with special tokens, without truncation. */
    public Tokenized tokenize(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] mask = encoding.getSpecialTokenMask();
        boolean[] special = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            special[i] = mask[i] != 0;
        }
        return new Tokenized(encoding.getIds(), special);
    }

    private static int countSpecial(Tokenized t) {
        int n = 0;
        for (boolean s : t.special()) {
            if (s) {
                n++;
            }
        }
        return n;
    }

    /**
     * Encodes texts: one {@link TokenStates} per text, in order. Long texts are windowed according to {@code mode}.
     * Blocking; may take seconds for many long texts.
     */
    public List<TokenStates> encode(List<String> texts, WindowMode mode) {
        List<Layout> layouts = new ArrayList<>(texts.size());
        List<Window> windows = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            Layout layout = layout(tokenize(texts.get(t)), mode);
            layouts.add(layout);
            for (int w = 0; w < layout.plan.windows(); w++) {
                windows.add(new Window(t, w, layout.windowIds(w)));
            }
        }
        float[][][] states = new float[texts.size()][][];
        for (int t = 0; t < texts.size(); t++) {
            states[t] = new float[layouts.get(t).plan.windows()][];
        }
        windows.sort(Comparator.comparingInt((Window w) -> w.ids.length).reversed());
        int from = 0;
        while (from < windows.size()) {
            int longest = windows.get(from).ids.length;
            int to = from + 1;
            while (to < windows.size() && (long) (to - from + 1) * longest <= batchTokens) {
                to++;
            }
            List<Window> batch = windows.subList(from, to);
            float[][] out = run(batch.stream().map(Window::ids).toList());
            for (int i = 0; i < batch.size(); i++) {
                states[batch.get(i).text][batch.get(i).window] = out[i];
            }
            from = to;
        }
        List<TokenStates> result = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            result.add(layouts.get(t).assemble(states[t], dimension));
        }
        textsEncoded.addAndGet(texts.size());
        return result;
    }

    private record Window(int text, int window, long[] ids) {}

    /** A tokenized text split into prefix specials, content and suffix specials, with its window plan. */
    private record Layout(Tokenized tokens, int prefix, int suffix, WindowPlan plan) {

        int contentLength() {
            return tokens.ids().length - prefix - suffix;
        }

        long[] windowIds(int w) {
            int s = plan.starts()[w];
            int e = plan.ends()[w];
            long[] all = tokens.ids();
            long[] ids = new long[prefix + (e - s) + suffix];
            System.arraycopy(all, 0, ids, 0, prefix);
            System.arraycopy(all, prefix + s, ids, prefix, e - s);
            System.arraycopy(all, all.length - suffix, ids, prefix + (e - s), suffix);
            return ids;
        }

        TokenStates assemble(float[][] windowStates, int dim) {
            int kept = plan.kept();
            int n = prefix + kept + suffix;
            long[] ids = new long[n];
            boolean[] special = new boolean[n];
            float[] vectors = new float[n * dim];
            long[] all = tokens.ids();
            boolean[] allSpecial = tokens.special();
            for (int i = 0; i < prefix; i++) {
                ids[i] = all[i];
                special[i] = allSpecial[i];
                System.arraycopy(windowStates[0], i * dim, vectors, i * dim, dim);
            }
            for (int p = 0; p < kept; p++) {
                int w = plan.owner()[p];
                int row = prefix + (p - plan.starts()[w]);
                int out = prefix + p;
                ids[out] = all[prefix + p];
                special[out] = allSpecial[prefix + p];
                System.arraycopy(windowStates[w], row * dim, vectors, out * dim, dim);
            }
            int last = plan.windows() - 1;
            int lastWidth = plan.ends()[last] - plan.starts()[last];
            for (int i = 0; i < suffix; i++) {
                int out = prefix + kept + i;
                int src = all.length - suffix + i;
                ids[out] = all[src];
                special[out] = allSpecial[src];
                System.arraycopy(windowStates[last], (prefix + lastWidth + i) * dim, vectors, out * dim, dim);
            }
            return new TokenStates(ids, special, vectors, dim, plan.windows(), contentLength() - kept);
        }
    }

    private Layout layout(Tokenized tokens, WindowMode mode) {
        boolean[] special = tokens.special();
        int n = special.length;
        int prefix = 0;
        while (prefix < n && special[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && special[n - 1 - suffix]) {
            suffix++;
        }
        int capacity = spec.maxLength() - prefix - suffix;
        if (capacity < 1) {
            throw new IllegalStateException("maxLength " + spec.maxLength() + " leaves no room for content tokens");
        }
        return new Layout(tokens, prefix, suffix, WindowPlan.of(n - prefix - suffix, capacity, mode));
    }

    /** Runs windows (token ids) through the model in one padded batch; returns each window's states, unpadded. */
    private float[][] run(List<long[]> batch) {
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
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(spec.outputName()))) {
                Optional<OnnxValue> value = result.get(spec.outputName());
                OnnxTensor tensor = (OnnxTensor) value.orElseThrow();
                long[] outShape = tensor.getInfo().getShape();
                int dim = (int) outShape[2];
                FloatBuffer flat = tensor.getFloatBuffer();
                float[][] out = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    int len = batch.get(r).length;
                    out[r] = new float[len * dim];
                    flat.get(r * width * dim, out[r], 0, len * dim);
                }
                windowsEncoded.addAndGet(rows);
                tokensEncoded.addAndGet(real);
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
        } finally {
            tokenizer.close();
        }
    }
}
