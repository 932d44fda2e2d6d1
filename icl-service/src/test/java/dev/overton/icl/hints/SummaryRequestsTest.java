package dev.overton.icl.hints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.Prompt;

class SummaryRequestsTest {

    private static final Instant NOW = Instant.parse("2024-06-25T00:00:00Z");
    private static final Prompt PROMPT =
            new Prompt("7", 7, List.of(new ChatMessage("user", "  What medicine should I take for a cold?\n")));
    private static final String ANSWER = "\nRest, drink fluids, and take paracetamol for aches. {query} stays as is.\n";

    @Test
    void chatSummarizerGetsTheVersionedPromptAsOneUserMessage() {
        SummarizerModel model = SummarizerModel.explicit(
                "openai", "http://h/v1", "chat", "gpt-4o-mini", Map.of("temperature", 0, "max_tokens", 256));

        CompletionRequest r = SummaryRequests.request("run-1", model, PROMPT, ANSWER, NOW);

        assertThat(r.requestId()).isEqualTo("summary/summarize-v1/run-1/" + model.id() + "/7");
        assertThat(r.key()).isEqualTo(r.requestId());
        assertThat(r.purpose()).isEqualTo("summary");
        assertThat(r.rawPrompt()).isNull();
        assertThat(r.attributes())
                .containsEntry("promptId", "7")
                .containsEntry("summarizer", model.id())
                .containsEntry("promptVersion", "summarize-v1");
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo("user");
            // Both parts stripped and substituted once: the "{query}" inside the answer is not replaced.
            assertThat(m.content())
                    .startsWith("Below is a question and an assistant's answer to it.")
                    .contains("Question:\nWhat medicine should I take for a cold?\n\nAnswer:\nRest, drink fluids,")
                    .contains("{query} stays as is.")
                    .endsWith("Summary (two or three sentences):");
        });
    }

    @Test
    void completionsSummarizerGetsTheSameTextAsRawPrompt() {
        SummarizerModel model =
                SummarizerModel.explicit("openai", "http://h/v1", "completions", "llama-2-7b", Map.of());

        CompletionRequest r = SummaryRequests.request("run-1", model, PROMPT, ANSWER, NOW);

        assertThat(r.messages()).isEmpty();
        assertThat(r.rawPrompt()).isEqualTo(SummaryPrompt.render(PROMPT.userText(), ANSWER));
    }

    @Test
    void identityDependsOnWhatDecidesTheOutputNotOnTheVariantName() {
        SummarizerModel a = SummarizerModel.explicit("openai", "http://h/v1", "chat", "m", Map.of("temperature", 0));
        SummarizerModel b = SummarizerModel.explicit("openai", "http://h/v1", "chat", "m", Map.of("temperature", 0));
        SummarizerModel c =
                SummarizerModel.explicit("openai", "http://other/v1", "chat", "m", Map.of("temperature", 0));

        assertThat(a.id()).isEqualTo(b.id()).matches("m@[0-9a-f]{12}");
        assertThat(c.id()).isNotEqualTo(a.id());
    }
}
