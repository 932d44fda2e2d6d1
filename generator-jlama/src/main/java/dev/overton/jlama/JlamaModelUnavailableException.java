package dev.overton.jlama;

import java.nio.file.Path;

/**
 * A model could be neither found locally nor downloaded. The message is meant for the person running Overton: it names
 * the model, the exact folder that was looked in, why the download did not happen, and what to do instead, because
 * the usual cause is a machine without network access and the fix is outside Overton.
 */
public final class JlamaModelUnavailableException extends RuntimeException {

    private final String model;
    private final Path cachePath;

    JlamaModelUnavailableException(String model, Path cachePath, String reason, Throwable cause) {
        super(message(model, cachePath, reason), cause);
        this.model = model;
        this.cachePath = cachePath;
    }

    /** The model id as the caller gave it. */
    public String model() {
        return model;
    }

    /** The folder the model was expected in. */
    public Path cachePath() {
        return cachePath;
    }

    private static String message(String model, Path cachePath, String reason) {
        return "jlama model " + model + " is not available: it is not in the model cache (looked in " + cachePath
                + ") and " + reason + ". To fix this, either run once with network access so that it is downloaded"
                + " to that folder and reused after; or copy a downloaded copy of the model (config.json,"
                + " tokenizer.json, tokenizer_config.json, *.safetensors) into that folder and add an empty file"
                + " named .finished; or give the variant's model as the path of a local model folder; or use the"
                + " 'openai' backend against a model server (vLLM, llama.cpp, Ollama, ...), or 'replay' with released"
                + " samples.";
    }
}
