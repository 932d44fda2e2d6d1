package dev.overton.semantic.bertscore;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.overton.semantic.embedding.ContentHashCache;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.encoder.OnnxEncoder;
import dev.overton.semantic.encoder.TokenStates;

/**
 * BERTScore (Zhang et al., 2020) on an in-process ONNX encoder: contextual token vectors of both texts, special tokens
 * excluded, L2-normalised, greedy matching ({@link GreedyMatcher}), optional idf weighting over the reference set and
 * optional baseline rescaling. Long texts are encoded over sliding windows unless the options ask for the paper's
 * truncation.
 *
 * <p>Each distinct text is encoded once: token matrices are cached by the SHA-256 of the text (bounded by the number of
 * floats held), which matters because the paper's design compares every candidate with the same reference (the aligned
 * model's sample 0), so one reference serves five or more pairs. Given a {@link SentenceEmbedder}, the same token
 * states also yield each text's sentence embedding, so scoring a response and embedding it costs one model run. Encoding runs on ONNX Runtime's threads; matching then
 * runs pairs in parallel on the common fork-join pool. Calls block: run them on worker threads.
 */
public final class BertScorer {

    /** Version of the algorithm; changes whenever scores of the same texts and options could change. */
    public static final String VERSION = "overton-bertscore/1";

    /** Default cache bound: 64 M floats (256 MB), about 250 long responses' token matrices with MiniLM. */
    public static final long DEFAULT_CACHE_FLOATS = 64L * 1024 * 1024;

    private final OnnxEncoder encoder;
    private final BertScoreOptions options;
    private final ContentHashCache<TokenMatrix> cache;
    private final String baseSettings;
    private final SentenceEmbedder sharedEmbeddings;

    /** A scorer with the default cache bound. */
    public BertScorer(OnnxEncoder encoder, BertScoreOptions options) {
        this(encoder, options, DEFAULT_CACHE_FLOATS, null);
    }

    /**
     * A scorer whose token-matrix cache holds at most {@code cacheFloats} floats.
     *
     * @param sharedEmbeddings when not {@code null}, every text this scorer encodes also has its sentence embedding
     *     pooled from the same token states into this embedder's cache (one model run serves both measures); it must
     *     run the same encoder with the same window mode
     */
    public BertScorer(
            OnnxEncoder encoder, BertScoreOptions options, long cacheFloats, SentenceEmbedder sharedEmbeddings) {
        if (sharedEmbeddings != null
                && (sharedEmbeddings.encoder() != encoder || sharedEmbeddings.windowMode() != options.windowMode())) {
            throw new IllegalArgumentException("an embedder shares token states only when it runs the same encoder "
                    + "with the same window mode as the scorer");
        }
        this.sharedEmbeddings = sharedEmbeddings;
        this.encoder = encoder;
        this.options = options;
        this.cache = new ContentHashCache<>(cacheFloats, m -> m.vectors().length);
        var spec = encoder.spec();
        this.baseSettings = "bertscore(model=" + spec.name() + ";layer=" + spec.outputName() + "[" + spec.layer()
                + "];idf=" + (options.idf() ? "reference-set" : "off") + ";rescale="
                + options.baseline().map(Baseline::describe).orElse("off") + ";window="
                + options.windowMode().label(spec.maxLength(), encoder.specialTokens())
                + ";special-tokens=excluded;version=" + VERSION + ")";
    }

    /** The settings string every score of this scorer carries. */
    public String settings() {
        return baseSettings;
    }

    /** The options. */
    public BertScoreOptions options() {
        return options;
    }

    /** Scores one pair. With idf on, the reference set is this one reference. */
    public BertScore score(String candidate, String reference) {
        return score(List.of(candidate), List.of(reference)).get(0);
    }

    /**
     * Scores pairs {@code (candidates[i], references[i])}. With idf on, idf is computed over {@code references} as
     * given (duplicates counted), as bert_score does.
     */
    public List<BertScore> score(List<String> candidates, List<String> references) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("candidates and references must pair up: " + candidates.size()
                    + " candidates, " + references.size() + " references");
        }
        List<String> all = new ArrayList<>(candidates);
        all.addAll(references);
        List<TokenMatrix> matrices = matrices(all);
        List<TokenMatrix> cands = matrices.subList(0, candidates.size());
        List<TokenMatrix> refs = matrices.subList(candidates.size(), matrices.size());
        IdfWeights idf = options.idf()
                ? IdfWeights.fromReferences(refs.stream().map(TokenMatrix::ids).toList())
                : IdfWeights.uniform();
        return IntStream.range(0, candidates.size())
                .parallel()
                .mapToObj(i -> toScore(GreedyMatcher.match(cands.get(i), refs.get(i), idf), cands.get(i), refs.get(i)))
                .toList();
    }

    private BertScore toScore(GreedyMatcher.Match m, TokenMatrix cand, TokenMatrix ref) {
        int dropped = cand.droppedTokens() + ref.droppedTokens();
        if (m.reason() != null && Double.isNaN(m.precision())) {
            return new BertScore(Double.NaN, Double.NaN, Double.NaN, m.reason(), baseSettings, dropped);
        }
        double p = m.precision();
        double r = m.recall();
        double f = m.f1();
        if (options.baseline().isPresent()) {
            Baseline b = options.baseline().get();
            p = Baseline.rescale(p, b.precision());
            r = Baseline.rescale(r, b.recall());
            f = Double.isNaN(f) ? f : Baseline.rescale(f, b.f1());
        }
        return new BertScore(p, r, f, m.reason(), baseSettings, dropped);
    }

    /**
     * The token matrices of the texts, in order, encoding (in one call) only those neither cached nor repeated.
     * Serialised, so that two callers asking for the same new text do not both encode it.
     */
    public synchronized List<TokenMatrix> matrices(List<String> texts) {
        return cache.getAll(texts, missing -> {
            List<TokenStates> states = encoder.encode(missing, options.windowMode());
            List<TokenMatrix> matrices = new ArrayList<>(missing.size());
            for (int i = 0; i < missing.size(); i++) {
                TokenStates st = states.get(i);
                if (sharedEmbeddings != null) {
                    sharedEmbeddings.offer(missing.get(i), st);
                }
                matrices.add(TokenMatrix.of(st));
            }
            return matrices;
        });
    }

    /** The token-matrix cache, for its statistics. */
    public ContentHashCache<TokenMatrix> cache() {
        return cache;
    }
}
