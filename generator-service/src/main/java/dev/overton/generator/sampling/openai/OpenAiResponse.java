package dev.overton.generator.sampling.openai;

import java.util.List;

import dev.overton.generator.sampling.SampleUsage;

/** A parsed 2xx response of a model server. */
record OpenAiResponse(
        List<OpenAiResponse.Choice> choices, Integer promptTokens, Integer completionTokens, long latencyMs) {

    /** One choice: its index, text and finish reason. */
    record Choice(int index, String text, String finishReason) {}

    /** Usage of one choice: the completion count is its own only if it was the only choice. */
    SampleUsage usage(Choice choice) {
        return new SampleUsage(promptTokens, choices.size() == 1 ? completionTokens : null, latencyMs);
    }
}
