package dev.overton.jlama;

import java.time.Duration;

/**
 * One generated sample, in the terms the generator already uses for OpenAI servers so that the backend wrapping this
 * engine maps it field for field.
 *
 * @param text the generated text without special tokens, cut before the first stop string (which is not included)
 * @param finishReason {@value #STOP} when the model ended the sample (an end-of-sequence token) or a stop string
 *     occurred, {@value #LENGTH} when {@code maxTokens} or the model's context length (prompt and completion together) cut it
 * @param promptTokens tokens the model read before generating: the rendered chat template or raw prompt, including a
 *     beginning-of-sequence token when the tokenizer adds one
 * @param completionTokens tokens the model sampled for this call, including the end-of-sequence token that ended
 *     the sample and the tokens that formed a stop string; never more than {@code maxTokens}
 * @param latency wall time of prompt evaluation and decoding for this call; model loading and waiting for the model
 *     to be free are not included
 */
public record JlamaCompletion(
        String text, String finishReason, int promptTokens, int completionTokens, Duration latency) {

    /** The model ended the sample, or a stop string occurred. */
    public static final String STOP = "stop";

    /** The token budget ({@code maxTokens} or the context length) ran out. */
    public static final String LENGTH = "length";
}
