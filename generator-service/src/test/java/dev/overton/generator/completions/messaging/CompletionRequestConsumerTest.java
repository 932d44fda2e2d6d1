package dev.overton.generator.completions.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;
import dev.overton.generator.testing.AnswerRequestFlow;
import dev.overton.generator.testing.FastRetries;

/**
 * Completion requests through the consumer (in-memory channels) into the real PostgreSQL ({@code overton_it}) and out
 * as {@code completions} events; the model server is the local fake speaking the OpenAI wire format. The run of a
 * request is deliberately unknown to the generator: completions do not need it.
 */
@QuarkusTest
@TestProfile(FastRetries.class)
class CompletionRequestConsumerTest extends AnswerRequestFlow<Completion> {

    private final String runId = newRun("it-completions-");

    CompletionRequestConsumerTest() {
        super(
                CompletionRequestConsumer.CHANNEL,
                CompletionRequestConsumer.OUT_CHANNEL,
                Completion.class,
                "completions");
    }

    @Test
    void chatRequestGetsExactlyOneCompletionWithTextAndUsage() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200, FakeOpenAiServer.chatBody(List.of(new Choice("Verdict: A covers more.", "stop")), 31, 6)));
        String id = requestId();

        send(chatRequest(id, "judge:quality", Map.of("temperature", 0)));

        Completion completion = awaitAnswers(id, 1).get(0);
        assertThat(completion.status()).as(completion.error()).isEqualTo(Completion.COMPLETED);
        assertThat(completion.text()).isEqualTo("Verdict: A covers more.");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.promptTokens()).isEqualTo(31);
        assertThat(completion.completionTokens()).isEqualTo(6);
        assertThat(completion.latencyMs()).isNotNull();
        assertThat(completion.model()).isEqualTo("judge-model");
        assertThat(completion.attributes()).containsEntry("promptId", "7").containsEntry("variant", "base");
        // Exactly one: once the row is marked published, nothing more is on its way.
        awaitPublished(id);
        assertThat(answersOf(id)).hasSize(1);

        // The system and user messages went to the chat API as messages, in order; one completion, no n.
        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            JsonNode messages = r.body().get("messages");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
            assertThat(messages.get(0).get("content").asText()).isEqualTo("You are a strict judge.");
            assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
            assertThat(r.body().get("model").asText()).isEqualTo("judge-model");
            assertThat(r.body().has("n")).isFalse();
            assertThat(r.body().get("temperature").asInt()).isZero();
        });
        assertThat(sql().query(
                                "select status, text, prompt_tokens, completion_tokens, backend from generator.completions"
                                        + " where request_id = ?",
                                id))
                .containsExactly(List.of("completed", "Verdict: A covers more.", 31, 6, "openai"));
        assertThat(registry.get(CompletionRequestConsumer.COMPLETIONS)
                        .tag("purpose", "judge:quality")
                        .tag("status", "completed")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(registry.get(CompletionRequestConsumer.LATENCY)
                        .tag("purpose", "judge:quality")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(1);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString("overton_generation_completions_total{"),
                        containsString("overton_generation_completion_latency_seconds_count{"));
    }

    @Test
    void rawPromptIsSentAsIsToTheCompletionsApi() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(200, FakeOpenAiServer.completionBody(List.of(new Choice(" the summary", "length")), 50, 3)));
        String id = requestId();
        String prompt = "Summarise the answers below.\n\nAnswers:\n1. Rest.\n\nSummary:";

        send(EventJson.write(new CompletionRequest(
                SchemaVersions.V1,
                id,
                runId,
                "summary",
                new VariantSpec("base", "openai", "base-model", null, server.baseUrl(), "completions", 5, Map.of()),
                List.of(),
                prompt,
                Map.of(),
                Instant.now())));

        Completion completion = awaitAnswers(id, 1).get(0);
        assertThat(completion.status()).as(completion.error()).isEqualTo(Completion.COMPLETED);
        assertThat(completion.text()).isEqualTo(" the summary");
        assertThat(completion.finishReason()).isEqualTo("length");
        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/completions");
            assertThat(r.body().get("prompt").asText()).isEqualTo(prompt);
            assertThat(r.body().has("n"))
                    .as("samples is ignored: one completion")
                    .isFalse();
        });
    }

    @Test
    void redeliveredRequestGetsTheStoredCompletionWithoutASecondModelCall() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(200, FakeOpenAiServer.chatBody(List.of(new Choice("Yes.", "stop")), 10, 2)));
        String id = requestId();

        assertRedeliveryRepublishesTheStoredAnswer(chatRequest(id, "judge:stance", Map.of()), id);
    }

    @Test
    void duplicatesInFlightTogetherCallTheModelOnce() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                        200, FakeOpenAiServer.chatBody(List.of(new Choice("Once.", "stop")), 10, 2))
                .after(Duration.ofMillis(300)));
        String id = requestId();
        String json = chatRequest(id, "judge:topics", Map.of());

        send(json);
        send(json);

        List<Completion> both = awaitAnswers(id, 2);
        assertThat(both.get(0)).isEqualTo(both.get(1));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void serverErrorsUntilRetriesRunOutGiveAFailedCompletionWithTheReason() {
        server = FakeOpenAiServer.start(
                r -> Reply.of(503, FakeOpenAiServer.openAiError("Model is overloaded", "server_error")));
        String id = requestId();

        send(chatRequest(id, "judge:missing-info", Map.of()));

        Completion completion = awaitAnswers(id, 1).get(0);
        assertThat(completion.status()).isEqualTo(Completion.FAILED);
        assertThat(completion.text()).isNull();
        assertThat(completion.error()).contains("HTTP 503", "Model is overloaded", "gave up after 8 attempts");
        assertThat(completion.attributes()).containsEntry("promptId", "7");
        assertThat(server.received()).hasSize(8);
        assertThat(sql().query("select status, error is not null from generator.completions where request_id = ?", id))
                .containsExactly(List.of("failed", true));
    }

    @Test
    void unknownOrReplayBackendIsAnsweredWithAFailedCompletionNamingTheField() {
        String unknown = requestId();
        String replay = requestId();

        send(request(unknown, "judge:quality", new VariantSpec("j", "gpt", "m", null, null, "chat", 1, Map.of())));
        send(request(replay, "judge:quality", new VariantSpec("j", "replay", "m", "x.jsonl", null, null, 1, null)));

        assertThat(awaitAnswers(unknown, 1).get(0)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Completion.FAILED);
            assertThat(c.error()).contains("model.backend", "'gpt'", "[jlama, openai]");
        });
        assertThat(awaitAnswers(replay, 1).get(0)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Completion.FAILED);
            assertThat(c.error()).contains("model.backend", "'replay'", "[jlama, openai]");
        });
    }

    @Test
    void openAiRequestWithoutEndpointIsAFailedCompletionNamingTheField() {
        String id = requestId();

        send(request(id, "summary", new VariantSpec("j", "openai", "m", null, " ", "chat", 1, Map.of())));

        assertThat(awaitAnswers(id, 1).get(0).error()).startsWith("model.endpoint: is required");
    }

    @Test
    void malformedRecordsAreDeadLetteredNotAnswered() {
        AtomicReference<Throwable> notJson = new AtomicReference<>();
        AtomicReference<Throwable> futureVersion = new AtomicReference<>();
        AtomicReference<Throwable> noPrompt = new AtomicReference<>();

        sendNackable("{not json", notJson);
        sendNackable(
                request(
                                requestId(),
                                "summary",
                                new VariantSpec("j", "openai", "m", null, "http://127.0.0.1:9/v1", "chat", 1, null))
                        .replace("\"schemaVersion\":1", "\"schemaVersion\":99"),
                futureVersion);
        sendNackable(
                "{\"schemaVersion\":1,\"requestId\":\"r\",\"runId\":\"x\",\"purpose\":\"summary\","
                        + "\"model\":{\"backend\":\"openai\"},\"messages\":[]}",
                noPrompt);

        await().atMost(WAIT)
                .until(() -> notJson.get() != null && futureVersion.get() != null && noPrompt.get() != null);
        assertThat(futureVersion.get()).hasMessageContaining("schemaVersion 99");
        assertThat(noPrompt.get()).hasMessageContaining("rawPrompt");
    }

    @Test
    void unpublishedCompletionIsPublishedAgainByTheOutboxSweep() {
        String id = requestId();
        sql().execute(
                        "insert into generator.completions (request_id, run_id, purpose, backend, model, status, text,"
                                + " attributes, completed_at) values (?, ?, 'summary', 'openai', 'm', 'completed',"
                                + " 'stored earlier', '{\"k\":\"v\"}', now() - interval '1 hour')",
                        id,
                        runId);

        Completion republished = await().atMost(Duration.ofSeconds(40))
                .until(() -> answersOf(id), list -> !list.isEmpty())
                .get(0);

        assertThat(republished.text()).isEqualTo("stored earlier");
        assertThat(republished.attributes()).containsEntry("k", "v");
        awaitPublished(id);
    }

    private String requestId() {
        return "judge/test@v1/" + runId + "/" + UUID.randomUUID();
    }

    private String chatRequest(String id, String purpose, Map<String, Object> params) {
        return request(
                id,
                purpose,
                new VariantSpec("judge", "openai", "judge-model", null, server.baseUrl(), "chat", 1, params));
    }

    private String request(String id, String purpose, VariantSpec model) {
        return EventJson.write(new CompletionRequest(
                SchemaVersions.V1,
                id,
                runId,
                purpose,
                model,
                List.of(
                        new ChatMessage("system", "You are a strict judge."),
                        new ChatMessage("user", "Which answer covers more? A: ... B: ...")),
                null,
                Map.of("promptId", "7", "variant", "base"),
                Instant.now()));
    }
}
