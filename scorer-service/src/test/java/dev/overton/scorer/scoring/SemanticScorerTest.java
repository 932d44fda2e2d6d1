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

    @Test
    void eachDistinctTextIsEncodedOnceForEveryMeasureOfARun() {
        // As the consumer calls it for one prompt of a base-vs-chat run: both sets' embedding diversity, then
        // BERTScore,
        // embedding cosine and coverage of base against chat sample 0, then chat against its own sample 0.
        OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1);
        SemanticScorer fresh = new SemanticScorer(encoder, 0.6);
        List<Sample> base = List.of(
                new Sample(0, "Rest well. Drink water.", null),
                new Sample(1, "Drink water. Eat soup.", null),
                new Sample(2, "Sleep early.", null));
        List<Sample> chat = List.of(
                new Sample(0, "Rest well. Drink water.", null),
                new Sample(1, "See a doctor. Rest well.", null),
                new Sample(2, "Take paracetamol.", null));

        fresh.setValues(base);
        fresh.setValues(chat);
        fresh.pairValues("chat", chat.get(0), base, false);
        fresh.pairValues("chat", chat.get(0), chat, true);

        // Distinct responses: the three base ones (chat sample 0 repeats base sample 0) and chat samples 1 and 2 = 5.
        // Coverage embeds the sentences of the base responses and of chat sample 0: "Rest well.", "Drink water.",
        // "Eat soup." are new; "Sleep early." is a whole response, already embedded from its token states = 3.
        assertThat(encoder.textsEncoded()).isEqualTo(8);

        // The same run's values asked again (a redelivered set) run no model at all.
        fresh.setValues(base);
        fresh.pairValues("chat", chat.get(0), base, false);
        assertThat(encoder.textsEncoded()).isEqualTo(8);
        encoder.close();
    }
}
