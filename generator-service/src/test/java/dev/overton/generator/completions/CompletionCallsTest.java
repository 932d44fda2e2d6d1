package dev.overton.generator.completions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.ReplayBackend;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.sampling.openai.OpenAiBackend;
import dev.overton.generator.sampling.openai.OpenAiSettings;

/** A completion request turned into one backend call, and the requests that are refused before any call. */
class CompletionCallsTest {

    private final OpenAiBackend openai = new OpenAiBackend(OpenAiSettings.defaults(), new SimpleMeterRegistry());
    private final ReplayBackend replay = new ReplayBackend(java.nio.file.Path.of("."));
    private final CompletionCalls calls = new CompletionCalls(
            name -> switch (name) {
                case "openai" -> openai;
                case "replay" -> replay;
                default -> (SamplingBackend) null;
            },
            Set.of("openai", "replay"));
    private FakeOpenAiServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static CompletionRequest request(VariantSpec model, List<ChatMessage> messages, String rawPrompt) {
        return new CompletionRequest(
                SchemaVersions.V1,
                "summary/v1/run-1/0",
                "run-1",
                "summary",
                model,
                messages,
                rawPrompt,
                Map.of("promptId", "0"),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static VariantSpec openAi(String api) {
        return new VariantSpec(null, "openai", "m", null, "http://127.0.0.1:9/v1", api, 5, Map.of("temperature", 0));
    }

    @Test
    void chatRequestBecomesOneSampleOfAVariantNamedAfterThePurpose() {
        List<ChatMessage> messages =
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Summarise: ..."));

        GenerationRequest g = CompletionCalls.asGenerationRequest(request(openAi(null), messages, null));

        assertThat(g.variant().samples()).isEqualTo(1);
        assertThat(g.variant().name()).isEqualTo("summary");
        assertThat(g.variant().api()).isEqualTo("chat");
        assertThat(g.prompt().messages()).isEqualTo(messages);
        assertThat(g.renderedPrompt()).isNull();
        assertThat(g.variant().params()).containsEntry("temperature", 0);
    }

    @Test
    void rawPromptWithoutApiIsACompletionsRequestSentAsRendered() {
        GenerationRequest g = CompletionCalls.asGenerationRequest(request(openAi(null), List.of(), "Q: x\nA:"));

        assertThat(g.variant().api()).isEqualTo("completions");
        assertThat(g.renderedPrompt()).isEqualTo("Q: x\nA:");
    }

    @Test
    void requestsTheGeneratorCannotServeNameTheFieldAndTheFix() {
        List<ChatMessage> chat = List.of(new ChatMessage("user", "Hi?"));

        assertThat(calls.problem(request(new VariantSpec(null, "jlama", "m", null, null, null, 1, null), chat, null)))
                .isEqualTo("model.backend: 'jlama' is not available in this generator; use one of [openai]");
        assertThat(calls.problem(
                        request(new VariantSpec(null, "replay", "m", "s.jsonl", null, null, 1, null), chat, null)))
                .startsWith("model.backend: 'replay' cannot answer completion requests")
                .endsWith("use one of [openai]");
        assertThat(calls.problem(request(openAi("xml"), chat, null))).startsWith("model.api: 'xml'");
        assertThat(calls.problem(request(openAi("completions"), chat, null))).startsWith("rawPrompt: is required");
        assertThat(calls.problem(request(openAi("chat"), List.of(), "raw"))).startsWith("messages: are required");
        assertThat(calls.problem(request(
                        new VariantSpec(null, "openai", " ", null, "http://h/v1", "chat", 1, null), chat, null)))
                .startsWith("model.model: is required");
        assertThat(calls.problem(request(openAi("chat"), chat, null))).isNull();
    }

    @Test
    void answerCarriesTextUsageAndTheRequestsAttributes() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.Reply.of(
                200, FakeOpenAiServer.chatBody(List.of(new FakeOpenAiServer.Choice("Short.", "stop")), 17, 2)));
        VariantSpec model = new VariantSpec("judge", "openai", "m", null, server.baseUrl(), "chat", 3, Map.of());

        Completion c = calls.call(request(model, List.of(new ChatMessage("user", "Hi?")), null));

        assertThat(c.status()).isEqualTo(Completion.COMPLETED);
        assertThat(c.text()).isEqualTo("Short.");
        assertThat(c.promptTokens()).isEqualTo(17);
        assertThat(c.completionTokens()).isEqualTo(2);
        assertThat(c.latencyMs()).isNotNull();
        assertThat(c.model()).isEqualTo("m");
        assertThat(c.attributes()).containsEntry("promptId", "0");
        assertThat(server.received())
                .singleElement()
                .satisfies(r -> assertThat(r.body().has("n")).isFalse());
    }

    @Test
    void refusedRequestIsAFailedCompletionWithoutAModelCall() {
        Completion c = calls.call(request(
                new VariantSpec(null, "replay", "m", "s.jsonl", null, null, 1, null),
                List.of(new ChatMessage("user", "Hi?")),
                null));

        assertThat(c.status()).isEqualTo(Completion.FAILED);
        assertThat(c.text()).isNull();
        assertThat(c.error()).contains("model.backend");
        assertThat(calls.liveBackends()).containsExactly("openai");
    }
}
