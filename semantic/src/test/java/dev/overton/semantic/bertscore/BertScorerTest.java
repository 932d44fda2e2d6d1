package dev.overton.semantic.bertscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.TestModels;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.encoder.OnnxEncoder;

class BertScorerTest {

    private static final double DELTA = 1e-5;

    private final OnnxEncoder encoder = TestModels.miniLm();

    @Test
    void aTextScoresOneAgainstItself() {
        BertScore s = new BertScorer(encoder, BertScoreOptions.defaults())
                .score("Take paracetamol and rest.", "Take paracetamol and rest.");

        assertThat(s.precision()).isCloseTo(1, within(DELTA));
        assertThat(s.recall()).isCloseTo(1, within(DELTA));
        assertThat(s.f1()).isCloseTo(1, within(DELTA));
    }

    @Test
    void aParaphraseScoresHigherThanAnUnrelatedText() {
        BertScorer scorer = new BertScorer(encoder, BertScoreOptions.defaults());
        String reference = "Rest, drink fluids and take paracetamol for the fever.";

        List<BertScore> s = scorer.score(
                List.of(
                        "Get some rest, stay hydrated and use paracetamol against fever.",
                        "Bing needs a better search engine to compete with Google."),
                List.of(reference, reference));

        assertThat(s.get(0).f1()).isGreaterThan(s.get(1).f1() + 0.05);
    }

    @Test
    void precisionAndRecallSwapWhenCandidateAndReferenceSwap() {
        BertScorer scorer = new BertScorer(encoder, BertScoreOptions.defaults());
        String a = "Colds are viral, so antibiotics will not help.";
        String b = "Antibiotics do not treat a cold, which is caused by a virus; rest instead.";

        BertScore ab = scorer.score(a, b);
        BertScore ba = scorer.score(b, a);

        assertThat(ab.precision()).isCloseTo(ba.recall(), within(DELTA));
        assertThat(ab.recall()).isCloseTo(ba.precision(), within(DELTA));
        assertThat(ab.f1()).isCloseTo(ba.f1(), within(DELTA));
    }

    @Test
    void eachDistinctTextIsEncodedOnceAcrossPairs() {
        BertScorer scorer = new BertScorer(encoder, BertScoreOptions.defaults());
        String reference = "The reference answer, shared by every candidate of this prompt.";
        long before = encoder.textsEncoded();

        scorer.score(
                List.of("first candidate", "second candidate", "first candidate"), Collections.nCopies(3, reference));
        scorer.score(List.of("second candidate"), List.of(reference));

        assertThat(encoder.textsEncoded() - before).isEqualTo(3);
    }

    @Test
    void scoringFillsASharedEmbedderSoResponsesAreNotEncodedTwice() {
        SentenceEmbedder embedder = new SentenceEmbedder(encoder, 100);
        BertScorer scorer =
                new BertScorer(encoder, BertScoreOptions.defaults(), BertScorer.DEFAULT_CACHE_FLOATS, embedder);
        String cand = "A candidate response about colds.";
        String ref = "A reference response about colds and flu.";
        scorer.score(cand, ref);

        float[] shared = embedder.embed(cand);

        assertThat(embedder.textsEmbedded()).isZero();
        float[] fresh = new SentenceEmbedder(encoder, 100).embed(cand);
        for (int i = 0; i < fresh.length; i++) {
            assertThat(shared[i]).isCloseTo(fresh[i], within(1e-6f));
        }
    }

    @Test
    void emptyCandidateIsUndefinedWithAReason() {
        BertScore s = new BertScorer(encoder, BertScoreOptions.defaults()).score("", "Some reference.");

        assertThat(s.defined()).isFalse();
        assertThat(s.reason()).isEqualTo("candidate has no tokens");
        assertThat(s.toMetricValues().get(BertScore.F1).reason()).isEqualTo("candidate has no tokens");
    }

    @Test
    void rescalingAppliesTheBaselineToEachValue() {
        Baseline b = new Baseline(0.8, 0.7, 0.75, "test");
        String cand = "Drink warm tea with honey.";
        String ref = "Warm drinks such as tea soothe a sore throat.";
        BertScore raw = new BertScorer(encoder, BertScoreOptions.defaults()).score(cand, ref);

        BertScore rescaled = new BertScorer(encoder, BertScoreOptions.defaults().withBaseline(b)).score(cand, ref);

        // (score - b) / (1 - b), bert_score's rescale_with_baseline.
        assertThat(rescaled.precision()).isCloseTo((raw.precision() - 0.8) / 0.2, within(DELTA));
        assertThat(rescaled.recall()).isCloseTo((raw.recall() - 0.7) / 0.3, within(DELTA));
        assertThat(rescaled.f1()).isCloseTo((raw.f1() - 0.75) / 0.25, within(DELTA));
    }

    @Test
    void idfChangesTheScoreOnlyWhenSwitchedOn() {
        List<String> cands = List.of("the the the cold medicine", "rest and fluids");
        List<String> refs = List.of("the cold medicine is paracetamol", "the rest is fluids");
        List<BertScore> plain = new BertScorer(encoder, BertScoreOptions.defaults()).score(cands, refs);

        List<BertScore> idf =
                new BertScorer(encoder, BertScoreOptions.defaults().withIdf(true)).score(cands, refs);

        assertThat(idf.get(0).f1()).isNotCloseTo(plain.get(0).f1(), within(1e-3));
        assertThat(idf.get(0).settings()).contains("idf=reference-set");
    }

    @Test
    void truncationReportsTheTokensItCutOff() {
        String longText = "Alignment changes what a language model says about many topics. ".repeat(60);

        BertScore s = new BertScorer(encoder, BertScoreOptions.paper()).score(longText, "A short reference.");

        assertThat(s.droppedTokens()).isGreaterThan(0);
        assertThat(s.settings()).contains("window=truncate-512");
    }

    @Test
    void settingsNameModelLayerIdfRescaleWindowAndVersion() {
        BertScorer scorer = new BertScorer(encoder, BertScoreOptions.defaults());

        assertThat(scorer.settings())
                .isEqualTo("bertscore(model=all-minilm-l6-v2-q;layer=last_hidden_state[6/6];idf=off;rescale=off;"
                        + "window=sliding-512/stride-255;special-tokens=excluded;version=overton-bertscore/1)");
    }
}
