package dev.overton.semantic.embedding;

import java.util.ArrayList;
import java.util.List;

import dev.overton.semantic.encoder.OnnxEncoder;
import dev.overton.semantic.encoder.TokenStates;
import dev.overton.semantic.encoder.WindowMode;

/**
 * Sentence (or response) embeddings: the mean of the encoder's token vectors over all tokens, special tokens included,
 * then L2-normalised — sentence-transformers' pipeline for all-MiniLM-L6-v2 (mean pooling, then a Normalize layer).
 * For texts that fit one window the result equals that pipeline's (and LangChain4j's) embedding; longer texts are
 * encoded over sliding windows and the mean runs over every token once, where sentence-transformers would cut at 256
 * tokens and LangChain4j averages per-chunk embeddings.
 *
 * <p>Texts are embedded in batches (one {@link OnnxEncoder#encode} call for all misses of a call; the encoder
 * decides how windows go to ONNX Runtime), and never twice: results are cached by the SHA-256 of the text, bounded to
 * {@code cacheEntries} embeddings. Duplicates within one call are encoded once. Calls are serialised (ONNX Runtime
 * already uses every core inside a call), which is also what guarantees that two callers asking for the same new text
 * at once do not both encode it. Blocking: run on worker threads.
 */
public final class SentenceEmbedder {

    /** Version of the pooling recipe; changes whenever embeddings of the same text could change. */
    public static final String VERSION = "mean-l2/1";

    private final OnnxEncoder encoder;
    private final ContentHashCache<float[]> cache;
    private final WindowMode windowMode;
    private long textsEmbedded;

    /** An embedder over the encoder with sliding windows and room for {@code cacheEntries} cached embeddings. */
    public SentenceEmbedder(OnnxEncoder encoder, int cacheEntries) {
        this(encoder, cacheEntries, WindowMode.SLIDING);
    }

    /** An embedder with an explicit window mode for long texts. */
    public SentenceEmbedder(OnnxEncoder encoder, int cacheEntries, WindowMode windowMode) {
        if (cacheEntries < 1) {
            throw new IllegalArgumentException("cacheEntries must be >= 1, was " + cacheEntries);
        }
        this.encoder = encoder;
        this.windowMode = windowMode;
        this.cache = new ContentHashCache<>((long) cacheEntries * encoder.dimension(), v -> v.length);
    }

    /** The embedding of one text: a unit vector of {@link #dimension()} floats (a fresh copy). */
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** The embeddings of the texts, in order (fresh copies). */
    public synchronized List<float[]> embedAll(List<String> texts) {
        List<float[]> embeddings = cache.getAll(texts, missing -> {
            List<TokenStates> states = encoder.encode(missing, windowMode);
            textsEmbedded += missing.size();
            return states.stream().map(SentenceEmbedder::meanPool).toList();
        });
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (float[] embedding : embeddings) {
            out.add(embedding.clone());
        }
        return out;
    }

    /**
     * Caches the embedding of a text from token states another component already computed with this embedder's
     * encoder and window mode (see {@link dev.overton.semantic.bertscore.BertScorer}), so that a response scored with
     * BERTScore is not run through the model again for its embedding. Does nothing when the text is cached.
     */
    public synchronized void offer(String text, TokenStates states) {
        String key = ContentHashCache.key(text);
        if (cache.getByKey(key) == null) {
            cache.putByKey(key, meanPool(states));
        }
    }

    /** The encoder this embedder runs. */
    public OnnxEncoder encoder() {
        return encoder;
    }

    /** How long texts are windowed. */
    public WindowMode windowMode() {
        return windowMode;
    }

    private static float[] meanPool(TokenStates states) {
        int dim = states.dimension();
        double[] sum = new double[dim];
        float[] v = states.vectors();
        for (int off = 0; off < v.length; off += dim) {
            for (int k = 0; k < dim; k++) {
                sum[k] += v[off + k];
            }
        }
        float[] mean = new float[dim];
        for (int k = 0; k < dim; k++) {
            mean[k] = (float) (sum[k] / states.length());
        }
        return Vectors.normalised(mean);
    }

    /** Length of each embedding. */
    public int dimension() {
        return encoder.dimension();
    }

    /** Texts run through the model by this embedder (cache hits, offered states and duplicates not counted). */
    public synchronized long textsEmbedded() {
        return textsEmbedded;
    }

    /** The cache, for its statistics. */
    public ContentHashCache<float[]> cache() {
        return cache;
    }

    /** How embeddings are made, for settings strings. */
    public String settings() {
        var spec = encoder.spec();
        return "embedding(model=" + spec.name() + ";layer=" + spec.outputName() + "[" + spec.layer()
                + "];pooling=mean;norm=l2;window=" + windowMode.label(spec.maxLength(), encoder.specialTokens())
                + ";version=" + VERSION + ")";
    }
}
