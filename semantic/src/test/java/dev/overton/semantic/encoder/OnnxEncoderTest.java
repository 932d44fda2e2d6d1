package dev.overton.semantic.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.semantic.TestModels;

class OnnxEncoderTest {

    private static final float DELTA = 1e-4f;

    private final OnnxEncoder encoder = TestModels.miniLm();

    @Test
    void bundledMiniLmHas384DimensionsAndTwoSpecialTokens() {
        // all-MiniLM-L6-v2's model card: 384-dimensional; BERT wraps a sequence in [CLS] ... [SEP].
        assertThat(encoder.dimension()).isEqualTo(384);
        assertThat(encoder.specialTokens()).isEqualTo(2);
        assertThat(encoder.windowCapacity()).isEqualTo(510);
    }

    @Test
    void clsAndSepAreMarkedSpecialAndWordPiecesAreNot() {
        OnnxEncoder.Tokenized t = encoder.tokenize("Hello, world!");

        // BERT uncased vocabulary ids (the tokenizer.json shipped with the model): [CLS]=101, hello=7592, ","=1010,
        // world=2088, "!"=999, [SEP]=102.
        assertThat(t.ids()).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(t.special()).containsExactly(true, false, false, false, false, true);
    }

    @Test
    void aShortTextIsOneWindowWithOneVectorPerToken() {
        TokenStates s = encoder.encode(List.of("The cat sat on the mat."), WindowMode.SLIDING)
                .get(0);

        assertThat(s.windows()).isEqualTo(1);
        assertThat(s.length())
                .isEqualTo(encoder.tokenize("The cat sat on the mat.").ids().length);
        assertThat(s.vectors()).hasSize(s.length() * 384);
        assertThat(s.droppedTokens()).isZero();
    }

    @Test
    void slidingWindowsKeepEveryTokenOfALongText() {
        String text = "Alignment changes what a language model says about many topics. ".repeat(120);
        int tokens = encoder.tokenize(text).ids().length;

        TokenStates s = encoder.encode(List.of(text), WindowMode.SLIDING).get(0);

        assertThat(tokens).isGreaterThan(1000);
        assertThat(s.length()).isEqualTo(tokens);
        assertThat(s.windows()).isGreaterThanOrEqualTo(3);
        assertThat(s.droppedTokens()).isZero();
        assertThat(s.special()[0]).isTrue();
        assertThat(s.special()[s.length() - 1]).isTrue();
    }

    @Test
    void truncationKeepsTheFirst512TokensAndCountsTheRest() {
        String text = "Alignment changes what a language model says about many topics. ".repeat(80);
        int tokens = encoder.tokenize(text).ids().length;

        TokenStates s = encoder.encode(List.of(text), WindowMode.TRUNCATE).get(0);

        assertThat(s.length()).isEqualTo(512);
        assertThat(s.droppedTokens()).isEqualTo(tokens - 512);
        assertThat(s.special()[511]).isTrue();
    }

    @Test
    void aTextsVectorsDoNotDependOnWhatItIsBatchedWith() {
        String shortText = "Rest and drink plenty of fluids.";
        String longText = "Colds are caused by viruses, so antibiotics do not help. ".repeat(20);

        TokenStates alone =
                encoder.encode(List.of(shortText), WindowMode.SLIDING).get(0);
        TokenStates padded =
                encoder.encode(List.of(longText, shortText), WindowMode.SLIDING).get(1);

        assertThat(padded.ids()).containsExactly(alone.ids());
        for (int i = 0; i < alone.vectors().length; i++) {
            assertThat(padded.vectors()[i]).isCloseTo(alone.vectors()[i], within(DELTA));
        }
    }

    @Test
    void paddedBatchesWouldChangeTheQuantizedModelsVectorsWhichIsWhyTheDefaultRunsWindowsAlone() {
        // The bundled model quantizes activations dynamically, with one scale per input tensor: a batch companion
        // changes the scale. Documents why OnnxEncoder.UNBATCHED is the default.
        String shortText = "Rest and drink plenty of fluids.";
        String longText = "Colds are caused by viruses, so antibiotics do not help. ".repeat(20);
        OnnxEncoder batching = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1, OnnxEncoder.BATCH_TOKENS);
        try (batching) {
            TokenStates alone =
                    encoder.encode(List.of(shortText), WindowMode.SLIDING).get(0);
            TokenStates padded = batching.encode(List.of(longText, shortText), WindowMode.SLIDING)
                    .get(1);

            float maxDifference = 0;
            for (int i = 0; i < alone.vectors().length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(alone.vectors()[i] - padded.vectors()[i]));
            }
            assertThat(maxDifference).isGreaterThan(0.01f);
        }
    }

    @Test
    void anOutputNameTheGraphLacksIsRejectedNamingTheOutputsItHas() {
        EncoderSpec bundled = EncoderSpec.bundledMiniLm();
        EncoderSpec wrong =
                new EncoderSpec(bundled.name(), bundled.model(), bundled.tokenizer(), 512, "hidden_states.17", "17/24");

        assertThatThrownBy(() -> new OnnxEncoder(wrong, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no output 'hidden_states.17'")
                .hasMessageContaining("last_hidden_state");
    }

    @Test
    void windowLabelsNameTheModeAndLength() {
        assertThat(WindowMode.SLIDING.label(512, 2)).isEqualTo("sliding-512/stride-255");
        assertThat(WindowMode.TRUNCATE.label(512, 2)).isEqualTo("truncate-512");
    }

    @Test
    void parallelCallsGiveExactlyTheVectorsOfOneCallAtATime() {
        // Each window is still its own ONNX call, so spreading the calls over threads cannot change a value.
        String longText = "The committee met again to discuss the budget. ".repeat(60);
        List<String> texts = List.of(longText, "A short one.", "Another short text, a little longer.", longText + "!");
        try (OnnxEncoder serial = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1);
                OnnxEncoder parallel = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1, OnnxEncoder.UNBATCHED, 2)) {
            List<TokenStates> one = serial.encode(texts, WindowMode.SLIDING);
            List<TokenStates> two = parallel.encode(texts, WindowMode.SLIDING);

            assertThat(parallel.parallelCalls()).isEqualTo(2);
            assertThat(parallel.windowsEncoded()).isGreaterThan(texts.size());
            for (int t = 0; t < texts.size(); t++) {
                assertThat(two.get(t).ids()).isEqualTo(one.get(t).ids());
                assertThat(two.get(t).vectors()).isEqualTo(one.get(t).vectors());
            }
        }
    }

    @Test
    void parallelCallsMustBeAtLeastOne() {
        assertThatThrownBy(() -> new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1, OnnxEncoder.UNBATCHED, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelCalls");
    }
}
