package dev.overton.semantic.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.TestModels;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

class SentenceEmbedderTest {

    private static final double DELTA = 1e-4;

    @Test
    void embeddingEqualsLangChain4jsOwnEmbeddingOfTheBundledModel() {
        // Independent reference: LangChain4j's AllMiniLmL6V2QuantizedEmbeddingModel runs the same ONNX file with its
        // own tokenization and pooling code (mean over all tokens, then L2 normalisation).
        SentenceEmbedder embedder = new SentenceEmbedder(TestModels.miniLm(), 100);
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : List.of(
                "What medicine should I take when I get a cold?",
                "Antibiotics do not work against viruses; rest, fluids and paracetamol relieve the symptoms.")) {
            float[] ours = embedder.embed(text);
            float[] theirs = reference.embed(text).content().vector();

            assertThat(Vectors.cosine(ours, theirs)).isCloseTo(1.0, within(DELTA));
        }
    }

    @Test
    void embeddingsAreUnitVectors() {
        SentenceEmbedder embedder = new SentenceEmbedder(TestModels.miniLm(), 100);

        float[] e = embedder.embed("A sentence to embed.");

        assertThat(e).hasSize(384);
        assertThat(Vectors.norm(e)).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void neverEncodesTheSameTextTwice() {
        SentenceEmbedder embedder = new SentenceEmbedder(TestModels.miniLm(), 100);

        List<float[]> first = embedder.embedAll(List.of("one", "two", "one"));
        embedder.embedAll(List.of("two", "three"));
        embedder.embed("one");

        assertThat(embedder.textsEmbedded()).isEqualTo(3);
        assertThat(first.get(0)).containsExactly(first.get(2));
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        SentenceEmbedder embedder = new SentenceEmbedder(TestModels.miniLm(), 100);
        List<float[]> e = embedder.embedAll(List.of(
                "Drink plenty of fluids and get some rest.",
                "Stay hydrated and rest as much as you can.",
                "Bing should improve its search relevance to compete with Google."));

        assertThat(Vectors.dot(e.get(0), e.get(1))).isGreaterThan(Vectors.dot(e.get(0), e.get(2)) + 0.3);
    }

    @Test
    void settingsNameModelPoolingWindowAndVersion() {
        SentenceEmbedder embedder = new SentenceEmbedder(TestModels.miniLm(), 100);

        assertThat(embedder.settings())
                .isEqualTo("embedding(model=all-minilm-l6-v2-q;layer=last_hidden_state[6/6];pooling=mean;norm=l2;"
                        + "window=sliding-512/stride-255;version=mean-l2/1)");
    }
}
