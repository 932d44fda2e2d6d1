package dev.overton.icl.hints;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;

/**
 * Builds the {@link CompletionRequest} that asks a summarizer model for the summary hint of one prompt: the summary of
 * the reference's sample 0 for it, with {@link SummaryPrompt}. Chat models get the prompt as one user message;
 * completions models get it as the raw prompt.
 *
 * <p>The request id is deterministic — {@code summary/<prompt version>/<run>/<summarizer id>/<prompt id>} — so a
 * request built again (after a restart, or by another instance) is the same request, and the generator answers it once.
 */
public final class SummaryRequests {

    /** The {@code purpose} of summary requests; icl-service consumes completions of this purpose only. */
    public static final String PURPOSE = "summary";

    /** Attribute: the prompt the summary is for. */
    public static final String PROMPT_ID = "promptId";

    /** Attribute: the summarizer's identity ({@link SummarizerModel#id()}). */
    public static final String SUMMARIZER = "summarizer";

    /** Attribute: the summarizer prompt's version ({@link SummaryPrompt#VERSION}). */
    public static final String PROMPT_VERSION = "promptVersion";

    private SummaryRequests() {}

    /** The id of the request for {@code promptId}'s summary by {@code summarizer} in {@code runId}. */
    public static String requestId(String runId, SummarizerModel summarizer, String promptId) {
        return PURPOSE + "/" + SummaryPrompt.VERSION + "/" + runId + "/" + summarizer.id() + "/" + promptId;
    }

    /**
     * The request for the summary of {@code answer}, the reference's answer to {@code prompt}.
     *
     * @param runId the run
     * @param summarizer the model to call
     * @param prompt the prompt (its query gives the summarizer context)
     * @param answer the reference's sample 0 for the prompt
     * @param now the request time
     */
    public static CompletionRequest request(
            String runId, SummarizerModel summarizer, Prompt prompt, String answer, Instant now) {
        String text = SummaryPrompt.render(prompt.userText(), answer);
        return new CompletionRequest(
                SchemaVersions.V1,
                requestId(runId, summarizer, prompt.id()),
                runId,
                PURPOSE,
                summarizer.model(),
                summarizer.chat() ? List.of(new ChatMessage("user", text)) : List.of(),
                summarizer.chat() ? null : text,
                Map.of(
                        PROMPT_ID, prompt.id(),
                        SUMMARIZER, summarizer.id(),
                        PROMPT_VERSION, SummaryPrompt.VERSION),
                now);
    }
}
