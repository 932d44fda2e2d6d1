package dev.overton.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.SchemaVersions;

class CompletionEventsTest {

    private static final JudgeSpec JUDGE = new JudgeSpec(
            "openai",
            "http://judge:8000/v1",
            null,
            "judge-model",
            Map.of("temperature", 0),
            List.of("quality"),
            0,
            null);

    @Test
    void requestRoundTripsAndIsKeyedByItsId() {
        CompletionRequest request = new CompletionRequest(
                SchemaVersions.V1,
                "judge/quality@v1/run-1/3/base/0/1",
                "run-1",
                "judge:quality",
                JUDGE.asVariant("judge"),
                List.of(new ChatMessage("user", "Rate this.")),
                null,
                Map.of("promptId", "3", "attempt", "1"),
                Instant.parse("2026-11-27T10:00:00Z"));

        CompletionRequest read = EventJson.read(EventJson.write(request), CompletionRequest.class);

        assertThat(read).isEqualTo(request);
        assertThat(read.key()).isEqualTo("judge/quality@v1/run-1/3/base/0/1");
        assertThat(read.model().api()).isEqualTo("chat");
        assertThat(read.model().samples()).isEqualTo(1);
    }

    @Test
    void anAnswerCopiesTheRequestsIdRunPurposeModelAndAttributes() {
        CompletionRequest request = new CompletionRequest(
                SchemaVersions.V1,
                "summary/run-1/3",
                "run-1",
                "summary",
                JUDGE.asVariant("summarizer"),
                List.of(new ChatMessage("user", "Summarise.")),
                null,
                Map.of("promptId", "3"),
                Instant.parse("2026-11-27T10:00:00Z"));
        Instant at = Instant.parse("2026-11-27T10:00:05Z");

        assertThat(request.answer(Completion.COMPLETED, "A summary.", null, "stop", 30, 4, 120L, at))
                .isEqualTo(new Completion(
                        SchemaVersions.V1,
                        "summary/run-1/3",
                        "run-1",
                        "summary",
                        Completion.COMPLETED,
                        "A summary.",
                        null,
                        "stop",
                        30,
                        4,
                        120L,
                        "judge-model",
                        Map.of("promptId", "3"),
                        at));
        Completion failed = request.failed("timed out", at);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.error()).isEqualTo("timed out");
        assertThat(failed.text()).isNull();
        assertThat(failed.finishReason()).isNull();
        assertThat(failed.model()).isEqualTo("judge-model");
        assertThat(failed.attributes()).containsEntry("promptId", "3");
    }

    @Test
    void requestWithoutMessagesOrRawPromptIsRejected() {
        String json = "{\"schemaVersion\":1,\"requestId\":\"r1\",\"runId\":\"run\",\"purpose\":\"summary\","
                + "\"model\":{\"name\":\"s\",\"backend\":\"openai\",\"samples\":1}}";
        assertThatThrownBy(() -> EventJson.read(json, CompletionRequest.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("rawPrompt");
    }

    @Test
    void completionRoundTripsAndRejectsUnknownStatus() {
        Completion done = new Completion(
                SchemaVersions.V1,
                "r1",
                "run",
                "summary",
                Completion.COMPLETED,
                "A short summary.",
                null,
                "stop",
                12,
                5,
                40L,
                "judge-model",
                Map.of("promptId", "0"),
                Instant.parse("2026-11-27T10:00:00Z"));

        assertThat(EventJson.read(EventJson.write(done), Completion.class)).isEqualTo(done);
        assertThat(done.failed()).isFalse();

        String bad = EventJson.write(done).replace("\"completed\"", "\"done\"");
        assertThatThrownBy(() -> EventJson.read(bad, Completion.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("status");
    }
}
