package dev.overton.icl.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.icl.prompts.IclExample;
import dev.overton.semantic.embedding.SentenceEmbedder;

/**
 * Nearest-neighbour selection with sentence embeddings (the bundled all-MiniLM-L6-v2) against the TF-IDF fallback.
 * Tagged {@code model}: it loads the ONNX model in the plain test class loader, so it runs in its own JVM (pom).
 */
@Tag("model")
class MiniLmEmbedderTest {

    private static final double DELTA = 1e-5;

    /** Pool order puts the semantically matching example last, so a tie (all cosines 0) cannot pick it by accident. */
    private static final List<IclExample> POOL = List.of(
            new IclExample("0", "How do I bake sourdough bread?", "Feed the starter, mix flour and water, bake.", null),
            new IclExample("1", "Tips for learning the violin?", "Practise scales slowly every day.", null),
            new IclExample(
                    "2", "How do electric cars charge?", "They draw current from a charger into a battery.", null));

    /** Shares no content word with any pool query (TF-IDF tokens: best, way, recharge, battery, powered, vehicle). */
    private static final String PARAPHRASE = "What's the best way to recharge a battery-powered vehicle?";

    private static SentenceEmbedder model;

    @BeforeAll
    static void load() {
        model = MiniLmEmbedder.loadBundled(1, 64);
    }

    @AfterAll
    static void close() {
        model.encoder().close();
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        POOL.forEach(e -> keys.put(e.source(), e.query()));
        keys.put("new", PARAPHRASE);
        return keys;
    }

    @Test
    void paraphraseWithoutSharedContentWordsFindsItsMatchWithMiniLmButNotWithTfIdf() {
        NearestNeighbourSelector minilm = new NearestNeighbourSelector(
                POOL, IclExample::query, keys(), new MiniLmEmbedder(() -> model), ExampleSelection.KNN_PROMPT);
        NearestNeighbourSelector tfidf = new NearestNeighbourSelector(
                POOL, IclExample::query, keys(), new TfIdfEmbedder(), ExampleSelection.KNN_PROMPT);

        assertThat(minilm.select("new", PARAPHRASE, 1))
                .extracting(IclExample::source)
                .containsExactly("2");
        // TF-IDF sees no shared word: every cosine is 0 and the tie keeps pool order, so the first example wins.
        assertThat(tfidf.select("new", PARAPHRASE, 1))
                .extracting(IclExample::source)
                .containsExactly("0");
        assertThat(minilm.describe()).startsWith("knn-prompt(minilm(embedding(model=all-minilm-l6-v2-q");
    }

    @Test
    void nearestResponseSelectionFindsTheAnswerThatSaysTheSameInOtherWords() {
        // The teacher's answer to the new prompt shares no content word with pool answer 2 either.
        Map<String, String> keys = Map.of("new", "Connect the automobile to a wall socket so it can refill its power.");
        NearestNeighbourSelector minilm = new NearestNeighbourSelector(
                POOL, IclExample::answer, keys, new MiniLmEmbedder(() -> model), ExampleSelection.KNN_RESPONSE);
        NearestNeighbourSelector tfidf = new NearestNeighbourSelector(
                POOL, IclExample::answer, keys, new TfIdfEmbedder(), ExampleSelection.KNN_RESPONSE);

        // Cosines measured with the bundled model: 0.371 to answer 2, 0.157 to answer 0, 0.033 to answer 1.
        assertThat(minilm.select("new", "How do I keep my car going?", 1))
                .extracting(IclExample::source)
                .containsExactly("2");
        assertThat(tfidf.select("new", "How do I keep my car going?", 1))
                .extracting(IclExample::source)
                .containsExactly("0");
    }

    @Test
    void neverSelectsThePromptItselfEvenThoughItIsItsOwnNearestNeighbour() {
        Map<String, String> keys = new LinkedHashMap<>();
        POOL.forEach(e -> keys.put(e.source(), e.query()));
        NearestNeighbourSelector minilm = new NearestNeighbourSelector(
                POOL, IclExample::query, keys, new MiniLmEmbedder(() -> model), ExampleSelection.KNN_PROMPT);

        assertThat(minilm.select("2", POOL.get(2).query(), 3))
                .extracting(IclExample::source)
                .hasSize(2)
                .doesNotContain("2");
    }

    @Test
    void embeddingsAreUnitVectorsOfTheModelsDimension() {
        List<double[]> vectors = new MiniLmEmbedder(() -> model).embed(List.of(PARAPHRASE, "Another text."));

        assertThat(vectors).hasSize(2).allSatisfy(v -> {
            assertThat(v).hasSize(384); // all-MiniLM-L6-v2's hidden size
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(DELTA));
        });
    }
}
