package dev.overton.icl.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;

/**
 * Sentence embeddings for nearest-neighbour selection: the {@code semantic} module's {@link SentenceEmbedder} over the
 * bundled, int8-quantized all-MiniLM-L6-v2 (mean pooling, L2-normalised, long texts over sliding windows). Unlike
 * {@link TfIdfEmbedder} it places paraphrases near each other ("recharge a battery-powered vehicle" near "how do
 * electric cars charge"), which is what "k nearest prompts by embedding" means in the method.
 *
 * <p>Each text's vector depends on that text alone (the encoder runs every window on its own), so vectors from
 * different calls and runs are comparable and cached by text. The model is obtained from {@code model} on the first
 * {@link #embed} call, so a variant that never selects by embedding never loads it. Blocking (ONNX inference): call on
 * a worker thread.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    /** The name of this embedder in configuration and records. */
    public static final String NAME = "minilm";

    private final Supplier<SentenceEmbedder> model;

    /** An embedder over {@code model}, obtained on first use. */
    public MiniLmEmbedder(Supplier<SentenceEmbedder> model) {
        this.model = model;
    }

    /** Loads the bundled model (blocking, about a second; the model ships in a Maven artifact, nothing downloads). */
    public static SentenceEmbedder loadBundled(int threads, int cacheEntries) {
        return new SentenceEmbedder(new OnnxEncoder(EncoderSpec.bundledMiniLm(), threads), cacheEntries);
    }

    /** The model's name, without loading it (for plans). */
    public static String modelName() {
        return EncoderSpec.bundledMiniLm().name();
    }

    @Override
    public List<double[]> embed(List<String> texts) {
        List<float[]> vectors = model.get().embedAll(texts);
        List<double[]> out = new ArrayList<>(vectors.size());
        for (float[] v : vectors) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            out.add(d);
        }
        return out;
    }

    @Override
    public String describe() {
        return NAME + "(" + model.get().settings() + ")";
    }
}
