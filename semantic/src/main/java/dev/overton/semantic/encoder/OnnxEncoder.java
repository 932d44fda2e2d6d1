package dev.overton.semantic.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * A transformer encoder run in-process on ONNX Runtime: text in, one hidden-state vector per token out. Both sentence
 * embeddings (mean pooling) and BERTScore (token vectors) are built on it, so the model is loaded once per process.
 *
 * <p>Texts are tokenized with the model's own {@code tokenizer.json} (Hugging Face tokenizers through DJL, with the
 * file's truncation and padding switched off) and split into windows ({@link TextLayout}, {@link WindowPlan}). The
 * windows of all texts of a call are sorted by length and run in groups of at most {@code batchTokens} padded tokens
 * per ONNX call ({@link OnnxSession}), on {@code parallelCalls} threads at once.
 *
 * <p>The default, {@link #UNBATCHED}, runs every window in its own call, and that is deliberate: the bundled model is
 * dynamically quantized, so its int8 activation scales are computed over the whole input tensor and a text's vectors
 * would depend on what it is batched with (measured: token vectors moved by up to 0.36, sentence embeddings to a
 * cosine of 0.992 with their unbatched selves), which would also make cached values depend on call order. Measured on
 * this two-core machine, single windows were no slower per token than padded batches (7,800 against 6,900 tokens/s).
 * For a float model, padded batches are exact up to rounding and can be switched on ({@link #BATCH_TOKENS}). Parallel
 * calls never change a value: each window is still its own call.
 *
 * <p>Calls block: callers run them on worker threads, never on an event loop. Instances are thread-safe (ONNX Runtime
 * sessions and the tokenizer are), and are closed to release native memory.
 */
public final class OnnxEncoder implements AutoCloseable {

    /** One window per ONNX call: results independent of other texts; the default. */
    public static final int UNBATCHED = 1;

    /** A padded-batch budget that suits float (not dynamically quantized) models. */
    public static final int BATCH_TOKENS = 4096;

    /** How many distinct texts the encoder remembers to count those it encodes again ({@link #textsEncodedAgain()}). */
    public static final int REMEMBERED_TEXTS = 100_000;

    /** A tokenized text: ids with special tokens, and which of them are special. */
    public record Tokenized(long[] ids, boolean[] special) {}

    private final EncoderSpec spec;
    private final OnnxSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int dimension;
    private final int specialTokens;
    private final int batchTokens;
    private final ExecutorService callers;
    private final int parallelCalls;
    private final AtomicLong textsEncoded = new AtomicLong();
    private final EncodedTexts encodedTexts = new EncodedTexts(REMEMBERED_TEXTS);

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

    /** Loads the encoder, one ONNX call at a time. */
    public OnnxEncoder(EncoderSpec spec, int threads, int batchTokens) {
        this(spec, threads, batchTokens, 1);
    }

    /**
     * Loads the encoder.
     *
     * @param spec the model
     * @param threads ONNX Runtime intra-op threads per call (at least 1)
     * @param batchTokens most padded tokens per ONNX call; a window longer than this runs alone, so {@link #UNBATCHED}
     *     runs every window alone
     * @param parallelCalls ONNX calls run at once (at least 1); with {@code threads} 1 and one call per core, the
     *     cores work on different windows instead of splitting each window's operators
     */
    public OnnxEncoder(EncoderSpec spec, int threads, int batchTokens, int parallelCalls) {
        if (batchTokens < 1) {
            throw new IllegalArgumentException("batchTokens must be >= 1, was " + batchTokens);
        }
        if (parallelCalls < 1) {
            throw new IllegalArgumentException("parallelCalls must be >= 1, was " + parallelCalls);
        }
        this.spec = spec;
        this.batchTokens = batchTokens;
        this.parallelCalls = parallelCalls;
        try (InputStream tokenizerJson = spec.tokenizer().open()) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(
                    tokenizerJson, Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read tokenizer " + spec.tokenizer().describe(), e);
        }
        try {
            this.session = new OnnxSession(spec, threads);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        this.specialTokens = countSpecial(tokenize("a"));
        this.dimension = session.dimension(tokenize("a").ids());
        this.callers = parallelCalls == 1
                ? null
                : Executors.newFixedThreadPool(parallelCalls, r -> {
                    Thread t = new Thread(r, "onnx-encoder-call");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The model this encoder runs. */
    public EncoderSpec spec() {
        return spec;
    }

    /** The ONNX Runtime session (for benchmarks that run pre-tokenized windows). */
    public OnnxSession session() {
        return session;
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

    /**
     * Texts encoded again: given to {@link #encode} while among the last {@link #REMEMBERED_TEXTS} distinct texts it
     * encoded. The callers' caches make this 0 unless they evicted a text before its last use.
     */
    public long textsEncodedAgain() {
        return encodedTexts.again();
    }

    /** Wall time spent inside ONNX Runtime so far (summed over parallel calls). */
    public long encodeNanos() {
        return session.runNanos();
    }

    /** Windows run through the model so far. */
    public long windowsEncoded() {
        return session.windowsRun();
    }

    /** Real (unpadded) tokens run through the model so far. */
    public long tokensEncoded() {
        return session.tokensRun();
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

    /** The token ids of every window {@link #encode} would run for these texts, text by text. */
    public List<long[]> windows(List<String> texts, WindowMode mode) {
        List<long[]> windows = new ArrayList<>();
        for (String text : texts) {
            TextLayout layout = TextLayout.of(tokenize(text), spec.maxLength(), mode);
            for (int w = 0; w < layout.plan().windows(); w++) {
                windows.add(layout.windowIds(w));
            }
        }
        return windows;
    }

    /**
     * Encodes texts: one {@link TokenStates} per text, in order. Long texts are windowed according to {@code mode}.
     * Blocking; may take seconds for many long texts.
     */
    public List<TokenStates> encode(List<String> texts, WindowMode mode) {
        List<TextLayout> layouts = new ArrayList<>(texts.size());
        List<Window> windows = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            TextLayout layout = TextLayout.of(tokenize(texts.get(t)), spec.maxLength(), mode);
            layouts.add(layout);
            for (int w = 0; w < layout.plan().windows(); w++) {
                windows.add(new Window(t, w, layout.windowIds(w)));
            }
        }
        float[][][] states = new float[texts.size()][][];
        for (int t = 0; t < texts.size(); t++) {
            states[t] = new float[layouts.get(t).plan().windows()][];
        }
        windows.sort(Comparator.comparingInt((Window w) -> w.ids.length).reversed());
        List<List<Window>> batches = new ArrayList<>();
        int from = 0;
        while (from < windows.size()) {
            int longest = windows.get(from).ids.length;
            int to = from + 1;
            while (to < windows.size() && (long) (to - from + 1) * longest <= batchTokens) {
                to++;
            }
            batches.add(windows.subList(from, to));
            from = to;
        }
        runAll(batches, states);
        List<TokenStates> result = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            result.add(layouts.get(t).assemble(states[t], dimension));
        }
        textsEncoded.addAndGet(texts.size());
        texts.forEach(encodedTexts::encoded);
        return result;
    }

    private record Window(int text, int window, long[] ids) {}

    /** Runs the batches, on the caller's thread or spread over the call threads, filling {@code states}. */
    private void runAll(List<List<Window>> batches, float[][][] states) {
        if (callers == null || batches.size() < 2) {
            batches.forEach(b -> runBatch(b, states));
            return;
        }
        List<Future<?>> pending = new ArrayList<>(batches.size());
        for (List<Window> batch : batches) {
            pending.add(callers.submit(() -> runBatch(batch, states)));
        }
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void runBatch(List<Window> batch, float[][][] states) {
        float[][] out = session.run(batch.stream().map(Window::ids).toList());
        for (int i = 0; i < batch.size(); i++) {
            states[batch.get(i).text][batch.get(i).window] = out[i];
        }
    }

    /** ONNX calls run at once. */
    public int parallelCalls() {
        return parallelCalls;
    }

    @Override
    public void close() {
        if (callers != null) {
            callers.shutdownNow();
        }
        try {
            session.close();
        } finally {
            tokenizer.close();
        }
    }
}
