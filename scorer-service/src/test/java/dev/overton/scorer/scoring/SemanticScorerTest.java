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

    /** Twelve prompts of two base and two chat answers, each answer two sentences of about 15 words. */
    private static List<List<List<Sample>>> twelvePrompts() {
        List<List<List<Sample>>> prompts = new java.util.ArrayList<>();
        for (int p = 0; p < 12; p++) {
            List<Sample> base = new java.util.ArrayList<>();
            List<Sample> chat = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                base.add(new Sample(i, answer("Base", p, i), null));
                chat.add(new Sample(i, answer("Chat", p, i), null));
            }
            prompts.add(List.of(base, chat));
        }
        return prompts;
    }

    private static String answer(String variant, int prompt, int sample) {
        StringBuilder b = new StringBuilder(variant + " answer " + sample + " to question " + prompt + ":");
        for (int w = 0; w < 15; w++) {
            b.append(" word").append((prompt * 31 + sample * 7 + w * 3) % 97);
        }
        b.append(". Then more on item ")
                .append(prompt)
                .append('-')
                .append(sample)
                .append(':');
        for (int w = 0; w < 15; w++) {
            b.append(" term").append((prompt * 17 + sample * 5 + w * 2) % 89);
        }
        return b.append('.').toString();
    }

    /** A scorer whose token-matrix cache holds two prompts' responses (the first two's token count). */
    private static SemanticScorer boundedScorer(OnnxEncoder encoder, List<List<List<Sample>>> prompts) {
        long tokens = 0;
        for (List<List<Sample>> prompt : prompts.subList(0, 2)) {
            for (List<Sample> set : prompt) {
                for (Sample s : set) {
                    tokens += encoder.tokenize(s.text()).ids().length;
                }
            }
        }
        return new SemanticScorer(encoder, 0.6, tokens * encoder.dimension());
    }

    /** The texts a full-measure run of these prompts needs encoded: responses and coverage sentences, distinct. */
    private static java.util.Set<String> distinctTexts(OnnxEncoder encoder, List<List<List<Sample>>> prompts) {
        var coverage = new dev.overton.semantic.coverage.OvertonCoverage(
                new dev.overton.semantic.embedding.SentenceEmbedder(encoder, 1), 0.6);
        java.util.Set<String> texts = new java.util.LinkedHashSet<>();
        for (List<List<Sample>> prompt : prompts) {
            prompt.forEach(set -> set.forEach(s -> texts.add(s.text())));
            prompt.get(0).forEach(s -> texts.addAll(coverage.sentences(s.text())));
            texts.addAll(coverage.sentences(prompt.get(1).get(0).text()));
        }
        return texts;
    }

    @Test
    void promptByPromptEachTextIsEncodedOnceWhileTheCacheHoldsFarLessThanTheRun() {
        // As the batch consumer scores with the encoder: per prompt, both sets' own values, then the pairs and
        // coverage. The cache holds about two of the twelve prompts' responses; nothing is encoded twice.
        OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1);
        List<List<List<Sample>>> prompts = twelvePrompts();
        SemanticScorer bounded = boundedScorer(encoder, prompts);
        for (List<List<Sample>> prompt : prompts) {
            bounded.setValues(prompt.get(0));
            bounded.setValues(prompt.get(1));
            bounded.pairValues("chat", prompt.get(1).get(0), prompt.get(0), false);
            bounded.pairValues("chat", prompt.get(1).get(0), prompt.get(1), true);
        }

        int distinct = distinctTexts(encoder, prompts).size();
        assertThat(distinct).isGreaterThan(12 * 4); // the answers and their coverage sentences
        assertThat(encoder.textsEncoded()).isEqualTo(distinct);
        assertThat(encoder.textsEncodedAgain()).isZero();

        // Asked again for the first prompt, evicted long ago: encoded again, and counted as such.
        bounded.setValues(prompts.get(0).get(0));
        assertThat(encoder.textsEncoded()).isEqualTo(distinct + 2);
        assertThat(encoder.textsEncodedAgain()).isEqualTo(2);
        encoder.close();
    }

    @Test
    void aWholeBatchEncodedBeforeItsPairsOverflowsTheSameCacheAndEncodesAgain() {
        // The order the batch consumer had before: every set's own values first, then every prompt's pairs. With the
        // same bounded cache, the least recently used responses are gone when their pairs need them.
        OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1);
        List<List<List<Sample>>> prompts = twelvePrompts();
        SemanticScorer bounded = boundedScorer(encoder, prompts);
        prompts.forEach(prompt -> prompt.forEach(bounded::setValues));
        for (List<List<Sample>> prompt : prompts) {
            bounded.pairValues("chat", prompt.get(1).get(0), prompt.get(0), false);
            bounded.pairValues("chat", prompt.get(1).get(0), prompt.get(1), true);
        }

        int distinct = distinctTexts(encoder, prompts).size();
        // Every response of every prompt is needed again for BERTScore after the cache moved on: all 48 again.
        assertThat(encoder.textsEncodedAgain()).isEqualTo(48);
        assertThat(encoder.textsEncoded()).isEqualTo(distinct + 48);
        encoder.close();
    }
}
