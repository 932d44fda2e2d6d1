package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.metrics.diversity.MetricValue;
import dev.overton.semantic.bertscore.BertScore;
import dev.overton.semantic.bertscore.BertScoreOptions;
import dev.overton.semantic.bertscore.BertScorer;
import dev.overton.semantic.coverage.CoverageReport;
import dev.overton.semantic.coverage.OvertonCoverage;
import dev.overton.semantic.diversity.EmbeddingDiversity;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.embedding.Vectors;
import dev.overton.semantic.encoder.OnnxEncoder;

/**
 * The values that need a model: embedding diversity of a set, BERTScore and embedding cosine of each candidate against
 * the reference's sample 0, and Overton coverage of a prompt (one aligned answer against the N base answers). One
 * encoder run per distinct text serves both BERTScore and the sentence embedding (shared, bounded caches), so a text
 * seen as a set member and again as a reference is encoded once. Plain Java; blocking (ONNX inference): callers run it
 * on worker threads.
 */
public final class SemanticScorer {

    /** BERTScore precision of a candidate against the reference's sample 0. */
    public static final String BERTSCORE_PRECISION = "bertscore_precision";

    /** BERTScore recall of a candidate against the reference's sample 0. */
    public static final String BERTSCORE_RECALL = "bertscore_recall";

    /** BERTScore F1 of a candidate against the reference's sample 0 (the paper's measure). */
    public static final String BERTSCORE_F1 = "bertscore_f1";

    /** Cosine of the sentence embeddings of a candidate and the reference's sample 0. */
    public static final String PAIR_EMBEDDING_COSINE = "pair_embedding_cosine";

    private final SentenceEmbedder embedder;
    private final BertScorer bertScorer;
    private final OvertonCoverage coverage;

    /**
     * @param encoder the encoder (e.g. the bundled MiniLM)
     * @param coverageThreshold the cosine at which a sentence counts as covered (0.6 for MiniLM; docs/semantic.md)
     */
    public SemanticScorer(OnnxEncoder encoder, double coverageThreshold) {
        this(encoder, coverageThreshold, BertScorer.DEFAULT_CACHE_FLOATS);
    }

    /**
     * @param encoder the encoder (e.g. the bundled MiniLM)
     * @param coverageThreshold the cosine at which a sentence counts as covered
     * @param cacheFloats bound of the token-matrix cache, in floats (4 bytes each)
     */
    public SemanticScorer(OnnxEncoder encoder, double coverageThreshold, long cacheFloats) {
        BertScoreOptions options = BertScoreOptions.defaults();
        this.embedder = new SentenceEmbedder(encoder, 20_000, options.windowMode());
        this.bertScorer = new BertScorer(encoder, options, cacheFloats, embedder);
        this.coverage = new OvertonCoverage(embedder, coverageThreshold);
    }

    /** The embedding diversity values of a set. */
    public List<ScoreValue> setValues(List<Sample> samples) {
        return setValues(samples, EnumSet.allOf(MeasureGroup.class));
    }

    /** The embedding diversity values of a set when {@code groups} has {@link MeasureGroup#EMBEDDING}, else none. */
    public List<ScoreValue> setValues(List<Sample> samples, Set<MeasureGroup> groups) {
        if (!groups.contains(MeasureGroup.EMBEDDING)) {
            return List.of();
        }
        List<String> texts = samples.stream().map(Sample::text).toList();
        bertScorer.matrices(texts); // one encoder run per text feeds the embedding cache too
        EmbeddingDiversity d = EmbeddingDiversity.of(embedder.embedAll(texts), embedder.settings());
        return List.of(
                setValue(EmbeddingDiversity.MEAN_COSINE, d.meanPairwiseCosine()),
                setValue(EmbeddingDiversity.REMOTE_CLIQUE, d.remoteClique()),
                setValue(EmbeddingDiversity.CHAMFER, d.chamferDistance()),
                setValue(EmbeddingDiversity.VENDI, d.vendiScore()));
    }

    /**
     * Pair values of each candidate against the reference's sample 0 (skipping sample 0 itself when the candidate is
     * the reference), and, for a non-reference candidate set, the Overton coverage values of the prompt.
     */
    public List<ScoreValue> pairValues(
            String referenceVariant, Sample referenceSample0, List<Sample> candidates, boolean candidateIsReference) {
        return pairValues(
                referenceVariant,
                referenceSample0,
                candidates,
                candidateIsReference,
                EnumSet.allOf(MeasureGroup.class));
    }

    /**
     * The pair values of {@link #pairValues(String, Sample, List, boolean)} of the groups asked for: BERTScore ({@link
     * MeasureGroup#BERTSCORE}), {@code pair_embedding_cosine} ({@link MeasureGroup#EMBEDDING}) and coverage ({@link
     * MeasureGroup#COVERAGE}); nothing is encoded for a group not asked for.
     */
    public List<ScoreValue> pairValues(
            String referenceVariant,
            Sample referenceSample0,
            List<Sample> candidates,
            boolean candidateIsReference,
            Set<MeasureGroup> groups) {
        List<ScoreValue> values = new ArrayList<>();
        boolean bertscore = groups.contains(MeasureGroup.BERTSCORE);
        boolean embedding = groups.contains(MeasureGroup.EMBEDDING);
        List<Sample> compared = candidates.stream()
                .filter(c -> !(candidateIsReference && c.index() == referenceSample0.index()))
                .toList();
        List<String> texts = compared.stream().map(Sample::text).toList();
        List<BertScore> scores = bertscore
                ? bertScorer.score(
                        texts, texts.stream().map(t -> referenceSample0.text()).toList())
                : List.of();
        float[] reference = embedding ? embedder.embed(referenceSample0.text()) : null;
        List<float[]> embeddings = embedding ? embedder.embedAll(texts) : List.of();
        for (int i = 0; i < compared.size(); i++) {
            int sample = compared.get(i).index();
            if (bertscore) {
                BertScore s = scores.get(i);
                values.add(pairValue(
                        BERTSCORE_PRECISION, sample, referenceVariant, s.precision(), s.reason(), s.settings()));
                values.add(pairValue(BERTSCORE_RECALL, sample, referenceVariant, s.recall(), s.reason(), s.settings()));
                values.add(pairValue(BERTSCORE_F1, sample, referenceVariant, s.f1(), s.reason(), s.settings()));
            }
            if (!embedding) {
                continue;
            }
            double cosine = Vectors.cosine(embeddings.get(i), reference);
            values.add(pairValue(
                    PAIR_EMBEDDING_COSINE,
                    sample,
                    referenceVariant,
                    cosine,
                    Double.isNaN(cosine) ? "an embedding is the zero vector" : null,
                    embedder.settings() + ";ref=sample0"));
        }
        if (!candidateIsReference && groups.contains(MeasureGroup.COVERAGE)) {
            CoverageReport report =
                    coverage.coverage(candidates.stream().map(Sample::text).toList(), referenceSample0.text());
            values.add(coverageValue(CoverageReport.ALIGNED, referenceVariant, report.alignedCoverage()));
            values.add(coverageValue(CoverageReport.BASE_SELF, referenceVariant, report.baseSelfCoverage()));
        }
        return values;
    }

    private static ScoreValue setValue(String metric, MetricValue v) {
        return new ScoreValue(
                metric, null, null, v.defined() ? v.value() : null, v.defined() ? null : v.reason(), v.settings());
    }

    private static ScoreValue coverageValue(String metric, String reference, MetricValue v) {
        return new ScoreValue(
                metric, null, reference, v.defined() ? v.value() : null, v.defined() ? null : v.reason(), v.settings());
    }

    private static ScoreValue pairValue(
            String metric, int sample, String reference, double value, String reason, String settings) {
        boolean undefined = Double.isNaN(value);
        return new ScoreValue(
                metric,
                sample,
                reference,
                undefined ? null : value,
                undefined ? (reason == null ? "undefined" : reason) : null,
                settings);
    }
}
