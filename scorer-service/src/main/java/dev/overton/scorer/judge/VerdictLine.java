package dev.overton.scorer.judge;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.overton.contracts.json.EventJson;

/**
 * One line of {@code GET /runs/{id}/judge/verdicts} (JSON lines): a stored verdict with the judge's raw text, the
 * parsed verdict and the error of an invalid or failed one. The store reads the verdicts straight into these lines.
 *
 * @param promptId the prompt
 * @param variant the judged variant
 * @param sample the judged sample
 * @param judgement the judgement ({@code missing-info}, {@code topics}, {@code quality}, {@code stance})
 * @param reference the reference variant of a pairwise judgement, or {@code null}
 * @param promptVersion the judge prompt's version
 * @param attempt the attempt
 * @param status the verdict's status
 * @param source {@code model} or {@code replay}
 * @param requestId the request, or {@code null}
 * @param model the judge model
 * @param verdict the parsed verdict as JSON, or {@code null}; its stored text if that is not JSON
 * @param error why it is invalid or failed, or {@code null}
 * @param raw the judge's text
 */
public record VerdictLine(
        String promptId,
        String variant,
        int sample,
        String judgement,
        String reference,
        String promptVersion,
        int attempt,
        String status,
        String source,
        String requestId,
        String model,

        @Schema(description = "the parsed verdict (an object whose fields depend on the judgement)")
        Object verdict,

        String error,
        String raw) {

    /**
     * The {@link #verdict} of a stored verdict's JSON text: its JSON tree, so that the line nests it as an object;
     * {@code null} for none; the text itself should it not be JSON.
     */
    public static Object parsedVerdict(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
