package dev.overton.semantic.diversity;

import java.util.List;

import dev.overton.metrics.diversity.MetricValue;
import dev.overton.semantic.embedding.Vectors;

/**
 * Embedding-based diversity of one sample set (the N responses of one variant to one prompt), from the cosine
 * similarity matrix of their embeddings. Four measures, all from their papers' definitions:
 *
 * <ul>
 *   <li><b>mean pairwise cosine similarity</b>: mean of {@code cos(e_i, e_j)} over unordered pairs {@code i < j}. Range
 *       [-1, 1] (in practice [0, 1] for sentence encoders); <em>higher = less diverse</em>. Undefined for fewer than
 *       two samples.
 *   <li><b>remote-clique</b> (Cevallos et al.; as used for text diversity by Stasaski &amp; Hearst): mean pairwise
 *       cosine <em>distance</em> {@code 1 - cos}. Range [0, 2]; <em>higher = more diverse</em>; it is exactly
 *       {@code 1 - mean pairwise cosine}. Undefined for fewer than two samples.
 *   <li><b>chamfer distance</b>: mean over samples of the cosine distance to the nearest <em>other</em> sample. Range
 *       [0, 2]; <em>higher = more diverse</em>. Unlike remote-clique it is 0 as soon as every sample has a
 *       near-duplicate, so it catches sets made of repeated pairs. Undefined for fewer than two samples.
 *   <li><b>Vendi score</b> (Friedman &amp; Dieng, 2023): {@code exp(-Σ λ_i ln λ_i)} over the eigenvalues {@code λ_i} of
 *       {@code K/n}, {@code K} the cosine similarity matrix (unit diagonal, positive semi-definite). The effective
 *       number of distinct samples: range [1, n]; 1 when all samples embed identically, n when they are orthogonal;
 *       <em>higher = more diverse</em>. Eigenvalues below zero from rounding are treated as 0. A single sample gives 1;
 *       an empty set is undefined.
 * </ul>
 *
 * A sample whose embedding is the zero vector makes every measure undefined (its angle to the others is undefined).
 * Each value carries the embedding settings and the measure's name.
 *
 * @param meanPairwiseCosine mean pairwise cosine similarity
 * @param remoteClique mean pairwise cosine distance
 * @param chamferDistance mean nearest-other-sample cosine distance
 * @param vendiScore Vendi score with the cosine kernel
 */
public record EmbeddingDiversity(
        MetricValue meanPairwiseCosine, MetricValue remoteClique, MetricValue chamferDistance, MetricValue vendiScore) {

    /** Measure names as served by the scorer. */
    public static final String MEAN_COSINE = "embedding_mean_pairwise_cosine";

    public static final String REMOTE_CLIQUE = "embedding_remote_clique";
    public static final String CHAMFER = "embedding_chamfer_distance";
    public static final String VENDI = "embedding_vendi_score";

    /**
     * Computes the four measures.
     *
     * @param embeddings one embedding per sample (need not be normalised; cosines are computed)
     * @param embeddingSettings how the embeddings were made ({@code SentenceEmbedder.settings()})
     */
    public static EmbeddingDiversity of(List<float[]> embeddings, String embeddingSettings) {
        String settings = embeddingSettings + ";kernel=cosine";
        int n = embeddings.size();
        for (float[] e : embeddings) {
            if (Vectors.norm(e) == 0) {
                MetricValue u = MetricValue.undefined("a sample's embedding is the zero vector", settings);
                return new EmbeddingDiversity(u, u, u, u);
            }
        }
        double[][] k = cosineMatrix(embeddings);
        MetricValue vendi =
                n == 0 ? MetricValue.undefined("no samples", settings) : MetricValue.of(vendiScore(k), settings);
        if (n < 2) {
            MetricValue u = MetricValue.undefined("fewer than two samples", settings);
            return new EmbeddingDiversity(u, u, u, vendi);
        }
        double sum = 0;
        int pairs = 0;
        double chamfer = 0;
        for (int i = 0; i < n; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                nearest = Math.min(nearest, 1 - k[i][j]);
                if (j > i) {
                    sum += k[i][j];
                    pairs++;
                }
            }
            chamfer += nearest;
        }
        double meanCos = sum / pairs;
        return new EmbeddingDiversity(
                MetricValue.of(meanCos, settings),
                MetricValue.of(1 - meanCos, settings),
                MetricValue.of(chamfer / n, settings),
                vendi);
    }

    /** The cosine similarity matrix, exactly 1 on the diagonal. */
    static double[][] cosineMatrix(List<float[]> embeddings) {
        int n = embeddings.size();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            k[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                double c = Vectors.cosine(embeddings.get(i), embeddings.get(j));
                k[i][j] = c;
                k[j][i] = c;
            }
        }
        return k;
    }

    /**
     * The Vendi score of a similarity matrix with unit diagonal: {@code exp} of the Shannon entropy (natural log) of the
     * eigenvalues of {@code K/n}.
     */
    public static double vendiScore(double[][] similarity) {
        int n = similarity.length;
        if (n == 0) {
            throw new IllegalArgumentException("the Vendi score of an empty set is undefined");
        }
        double[][] scaled = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i][j] = similarity[i][j] / n;
            }
        }
        double entropy = 0;
        for (double lambda : SymmetricEigen.eigenvalues(scaled)) {
            if (lambda > 0) {
                entropy -= lambda * Math.log(lambda);
            }
        }
        return Math.exp(entropy);
    }
}
