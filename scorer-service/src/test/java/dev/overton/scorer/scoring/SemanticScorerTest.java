package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;

/** The model-based values the scorer stores, computed with the bundled MiniLM encoder. */
class SemanticScorerTest {

    private static SemanticScorer scorer;

    @BeforeAll
    static void loadEncoder() {
        scorer = new SemanticScorer(new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1), 0.6);
    }

    private static ScoreValue find(List<ScoreValue> values, String metric, Integer sample) {
        return values.stream()
                .filter(v -> v.metric().equals(metric) && java.util.Objects.equals(v.sample(), sample))
                .findFirst()
                .orElseThrow(() -> new AssertionError(metric + " for sample " + sample + " missing in " + values));
    }

    @Test
    void identicalSamplesHaveFullEmbeddingSimilarity() {
        List<ScoreValue> values = scorer.setValues(
                List.of(new Sample(0, "Drink fluids and rest.", null), new Sample(1, "Drink fluids and rest.", null)));

        // two identical texts: cosine 1, distance 0, one effective distinct item (Vendi 1); by definition
        assertThat(find(values, "embedding_mean_pairwise_cosine", null).value()).isCloseTo(1.0, within(1e-5));
        assertThat(find(values, "embedding_remote_clique", null).value()).isCloseTo(0.0, within(1e-5));
        assertThat(find(values, "embedding_vendi_score", null).value()).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void candidateIdenticalToTheReferenceHasBertScoreOneAndACloserOneBeatsAnUnrelatedOne() {
        Sample reference = new Sample(0, "Rest, drink plenty of fluids, and take paracetamol for the fever.", null);
        List<ScoreValue> values = scorer.pairValues(
                "chat",
                reference,
                List.of(
                        new Sample(0, reference.text(), null),
                        new Sample(1, "Take paracetamol for a fever, rest and drink fluids.", null),
                        new Sample(2, "The Eiffel Tower was completed in 1889 in Paris.", null)),
                false);

        assertThat(find(values, "bertscore_f1", 0).value()).isCloseTo(1.0, within(1e-4));
        assertThat(find(values, "bertscore_f1", 1).value())
                .isGreaterThan(find(values, "bertscore_f1", 2).value());
        assertThat(find(values, "pair_embedding_cosine", 1).value())
                .isGreaterThan(find(values, "pair_embedding_cosine", 2).value());
        assertThat(find(values, "bertscore_f1", 0).settings()).contains("bertscore(model=all-minilm-l6-v2-q");
        assertThat(values)
                .filteredOn(v -> v.metric().startsWith("overton_coverage"))
                .extracting(ScoreValue::metric)
                .containsExactlyInAnyOrder("overton_coverage_aligned", "overton_coverage_base_self");
        assertThat(values).allSatisfy(v -> assertThat(v.reference()).isEqualTo("chat"));
    }

    @Test
    void referenceAgainstItselfSkipsSampleZeroAndHasNoCoverage() {
        Sample reference = new Sample(0, "Rest and drink fluids.", null);
        List<ScoreValue> values =
                scorer.pairValues("chat", reference, List.of(reference, new Sample(1, "Sleep a lot.", null)), true);

        assertThat(values).extracting(ScoreValue::sample).doesNotContain(0);
        assertThat(values).noneSatisfy(v -> assertThat(v.metric()).startsWith("overton_coverage"));
    }
}
