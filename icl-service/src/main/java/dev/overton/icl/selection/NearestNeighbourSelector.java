package dev.overton.icl.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.icl.prompts.IclExample;

/**
 * The {@code k} pool examples nearest to a prompt by cosine similarity of embeddings, nearest first (ties keep pool
 * order). What is embedded is the caller's choice: for {@code knn-prompt} the example's query and the prompt's query;
 * for {@code knn-response} the example's answer and the teacher's answer to the prompt.
 *
 * <p>All texts (pool keys and prompt keys) are embedded in one batch when the selector is built, so that a batch-fitted
 * embedder such as TF-IDF weighs them on one scale.
 */
public final class NearestNeighbourSelector implements ExampleSelector {

    private final List<IclExample> pool;
    private final List<double[]> poolVectors;
    private final Map<String, double[]> promptVectors;
    private final String description;

    /**
     * @param pool the candidate examples
     * @param poolKey the text of an example that is embedded (its query or its answer)
     * @param promptKeys per prompt id, the text embedded for that prompt (its query, or the teacher's answer to it)
     * @param embedder the embedder
     * @param mode the selection mode, for the description
     */
    public NearestNeighbourSelector(
            List<IclExample> pool,
            Function<IclExample, String> poolKey,
            Map<String, String> promptKeys,
            TextEmbedder embedder,
            ExampleSelection mode) {
        this.pool = List.copyOf(pool);
        List<String> texts = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Function<String, Integer> intern = t -> index.computeIfAbsent(t, x -> {
            texts.add(x);
            return texts.size() - 1;
        });
        int[] poolIdx = this.pool.stream().map(poolKey).mapToInt(intern::apply).toArray();
        Map<String, Integer> promptIdx = new LinkedHashMap<>();
        promptKeys.forEach((id, text) -> promptIdx.put(id, intern.apply(text)));
        List<double[]> vectors = texts.isEmpty() ? List.of() : embedder.embed(texts);
        this.poolVectors = new ArrayList<>();
        for (int i : poolIdx) {
            poolVectors.add(vectors.get(i));
        }
        this.promptVectors = new HashMap<>();
        promptIdx.forEach((id, i) -> promptVectors.put(id, vectors.get(i)));
        this.description = mode.wireName() + "(" + embedder.describe() + ", pool=" + pool.size() + ")";
    }

    @Override
    public List<IclExample> select(String promptId, String queryText, int k) {
        double[] target = promptVectors.get(promptId);
        if (target == null) {
            throw new IllegalArgumentException("no embedding key for prompt '" + promptId + "'");
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            IclExample e = pool.get(i);
            if (ExampleSelector.allowedFor(e, promptId, queryText)) {
                scored.add(new Scored(i, cosine(target, poolVectors.get(i))));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed().thenComparingInt(Scored::index));
        return scored.stream().limit(k).map(s -> pool.get(s.index())).toList();
    }

    /** Cosine similarity; 0 when either vector is zero. */
    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public String describe() {
        return description;
    }

    private record Scored(int index, double similarity) {}
}
