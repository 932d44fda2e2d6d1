package dev.overton.icl.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.icl.prompts.IclExample;

class ExampleSelectorTest {

    /** A teacher pool: the reference's answer to each prompt of a small run. */
    private static final List<IclExample> POOL = List.of(
            new IclExample("0", "How do I bake sourdough bread?", "Feed the starter, mix flour and water, bake.", null),
            new IclExample("1", "What is the best bread flour for baking?", "Strong flour with high protein.", null),
            new IclExample(
                    "2", "How do electric cars charge?", "They draw current from a charger into a battery.", null),
            new IclExample("3", "Which electric car battery lasts longest?", "Lithium iron phosphate packs.", null),
            new IclExample("4", "Tips for learning the violin?", "Practise scales slowly every day.", null));

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        POOL.forEach(e -> q.put(e.source(), e.query()));
        return q;
    }

    @Test
    void fixedSelectionTakesTheFirstKInListOrder() {
        assertThat(new FixedSelector(POOL).select("9", "unrelated", 2))
                .extracting(IclExample::source)
                .containsExactly("0", "1");
    }

    @Test
    void neverSelectsThePromptItselfNorADuplicateOfIt() {
        assertThat(new FixedSelector(POOL).select("0", POOL.get(0).query(), 2))
                .extracting(IclExample::source)
                .containsExactly("1", "2");
        assertThat(new FixedSelector(POOL).select("new", " " + POOL.get(1).query(), 2))
                .extracting(IclExample::source)
                .containsExactly("0", "2");
        assertThat(new RandomSelector(POOL, 1).select("3", POOL.get(3).query(), 4))
                .extracting(IclExample::source)
                .containsExactlyInAnyOrder("0", "1", "2", "4");
    }

    @Test
    void randomSelectionIsReproducibleFromTheSeedAndIndependentOfBuildOrder() {
        RandomSelector a = new RandomSelector(POOL, 42);
        RandomSelector b = new RandomSelector(POOL, 42);

        List<IclExample> first = a.select("2", POOL.get(2).query(), 2);
        b.select("4", POOL.get(4).query(), 2); // another prompt first: must not shift prompt 2's draw
        assertThat(b.select("2", POOL.get(2).query(), 2)).isEqualTo(first);
        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(a.describe()).contains("seed=42");
    }

    @Test
    void randomSelectionDependsOnTheSeed() {
        List<List<IclExample>> draws = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            draws.add(new RandomSelector(POOL, seed).select("x", "q", 2));
        }
        assertThat(draws.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void nearestPromptSelectionRanksByQuerySimilarity() {
        NearestNeighbourSelector knn = new NearestNeighbourSelector(
                POOL, IclExample::query, queries(), new TfIdfEmbedder(), ExampleSelection.KNN_PROMPT);

        assertThat(knn.select("0", POOL.get(0).query(), 1))
                .extracting(IclExample::source)
                .containsExactly("1");
        assertThat(knn.select("2", POOL.get(2).query(), 1))
                .extracting(IclExample::source)
                .containsExactly("3");
        assertThat(knn.select("2", POOL.get(2).query(), 4))
                .extracting(IclExample::source)
                .doesNotContain("2")
                .hasSize(4);
    }

    @Test
    void nearestResponseSelectionRanksByTeacherAnswerSimilarity() {
        // The prompt is represented by the teacher's answer to it; its neighbours by their answers.
        Map<String, String> keys = Map.of("new", "Charge the battery from a charger overnight.");
        NearestNeighbourSelector knn = new NearestNeighbourSelector(
                POOL, IclExample::answer, keys, new TfIdfEmbedder(), ExampleSelection.KNN_RESPONSE);

        assertThat(knn.select("new", "How should I look after my car?", 1))
                .extracting(IclExample::source)
                .containsExactly("2");
    }
}
