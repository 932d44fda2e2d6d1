package dev.overton.generator.tokenshift.messaging;

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

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.openai.EchoReplies;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;
import dev.overton.generator.testing.AnswerRequestFlow;
import dev.overton.generator.testing.FastRetries;

/**
 * Token-scoring requests through the consumer (in-memory channels) into the real PostgreSQL and out as {@code
 * token-scores} events; the base model is the local fake server answering {@code echo}/{@code logprobs} requests in
 * vLLM's wire shape with ranks the test chooses ({@link EchoReplies}), so the expected ranks are known exactly.
 */
@QuarkusTest
@TestProfile(FastRetries.class)
class TokenScoreRequestConsumerTest extends AnswerRequestFlow<TokenScores> {

    private static final String ZERO_SHOT = "# Query:\n```\nCapital of France?\n```\n\n# Answer:\n```\n";
    private static final String ANSWER = "Paris is the capital.";

    /** Ranks by word: "the" is outside the top 5 (so 6), "is" second; every other token first. */
    private static final Map<String, Integer> RANKS = Map.of("is", 2, "the", 9);

    private final String runId = newRun("it-token-scores-");

    TokenScoreRequestConsumerTest() {
        super(
                TokenScoreRequestConsumer.CHANNEL,
                TokenScoreRequestConsumer.OUT_CHANNEL,
                TokenScores.class,
                "token_scores");
    }

    private static FakeOpenAiServer echoServer() {
        return FakeOpenAiServer.start(r -> Reply.of(
                200,
                EchoReplies.body(
                        r.body().get("prompt").asText(),
                        r.body().get("logprobs").asInt(),
                        t -> RANKS.getOrDefault(t.strip(), 1))));
    }

    @Test
    void plainContextIsTheBaseVariantsFrameAndTheAnswersTokensComeBackRanked() {
        server = echoServer();
        String id = TokenScoreRequest.idOf(runId, "7", "chat", 0, "plain");

        send(request(id, null, ANSWER, 5));

        TokenScores result = awaitAnswers(id, 1).get(0);
        assertThat(result.status()).as(result.error()).isEqualTo(TokenScores.COMPLETED);
        assertThat(result.method()).isEqualTo(TokenScores.ECHO);
        // The fake tokenizer merges the frame's last newline with "Paris": that token starts one unit before the
        // answer.
        assertThat(result.tokens())
                .extracting(ScoredToken::text)
                .containsExactly("\nParis", " is", " the", " capital.");
        assertThat(result.tokens()).extracting(ScoredToken::offset).containsExactly(-1, 5, 8, 12);
        assertThat(result.tokens()).extracting(ScoredToken::rank).containsExactly(1, 2, 6, 1);
        assertThat(result.tokens()).extracting(ScoredToken::logprob).containsExactly(-0.25, -0.5, -2.25, -0.25);
        assertThat(result.topK()).isEqualTo(5);
        assertThat(result.attributes()).containsEntry("k", "v");
        assertThat(result.context()).isEqualTo("plain");
        assertThat(result.sampleIndex()).isZero();

        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/completions");
            assertThat(r.body().get("prompt").asText()).isEqualTo(ZERO_SHOT + ANSWER);
            assertThat(r.body().get("echo").asBoolean()).isTrue();
            assertThat(r.body().get("logprobs").asInt()).isEqualTo(5);
            assertThat(r.body().get("max_tokens").asInt()).isEqualTo(1);
            assertThat(r.body().get("model").asText()).isEqualTo("base-model");
        });
        awaitPublished(id);
        assertThat(answersOf(id)).hasSize(1);
        assertThat(sql().query("select status, backend from generator.token_scores where request_id = ?", id))
                .containsExactly(List.of("completed", "openai"));
        assertThat(registry.get(TokenScoreRequestConsumer.SCORINGS)
                        .tag("backend", "openai")
                        .tag("method", "echo")
                        .tag("status", "completed")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString("overton_generation_token_scorings_total{"),
                        containsString("overton_generation_token_scoring_latency_seconds_count{"));
    }

    @Test
    void renderedContextIsSentAsItIs() {
        server = echoServer();
        String id = TokenScoreRequest.idOf(runId, "7", "chat", 1, "base-icl");
        String icl = "Examples:\n# Query:\n```\nHi\n```\n\n# Answer:\n```\nHello\n```\n\n" + ZERO_SHOT;

        send(request(id, icl, ANSWER, 3));

        TokenScores result = awaitAnswers(id, 1).get(0);
        assertThat(result.status()).as(result.error()).isEqualTo(TokenScores.COMPLETED);
        // K = 3: "the" (rank 9) is "> 3" = 4.
        assertThat(result.tokens()).extracting(ScoredToken::rank).containsExactly(1, 2, 4, 1);
        assertThat(server.received().get(0).body().get("prompt").asText()).isEqualTo(icl + ANSWER);
    }

    @Test
    void redeliveredRequestGetsTheStoredResultWithoutASecondModelCall() {
        server = echoServer();
        String id = TokenScoreRequest.idOf(runId, "8", "chat", 0, "plain");

        assertRedeliveryRepublishesTheStoredAnswer(request(id, null, ANSWER, 5), id);
    }

    @Test
    void serverThatIgnoresEchoGivesAFailedResultWithTheReason() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(200, FakeOpenAiServer.completionBody(List.of(new Choice("Paris", "length")), 20, 1)));
        String id = TokenScoreRequest.idOf(runId, "9", "chat", 0, "plain");

        send(request(id, null, ANSWER, 5));

        TokenScores result = awaitAnswers(id, 1).get(0);
        assertThat(result.status()).isEqualTo(TokenScores.FAILED);
        assertThat(result.tokens()).isEmpty();
        assertThat(result.error()).contains("ignored echo");
    }

    @Test
    void replayBaseIsAnsweredWithAFailedResultNamingTheField() {
        String id = TokenScoreRequest.idOf(runId, "10", "chat", 0, "plain");

        send(EventJson.write(request(
                id, null, ANSWER, 5, new VariantSpec("base", "replay", "m", "s.jsonl", null, null, 1, Map.of()))));

        TokenScores result = awaitAnswers(id, 1).get(0);
        assertThat(result.status()).isEqualTo(TokenScores.FAILED);
        assertThat(result.error()).contains("model.backend", "'replay'");
    }

    @Test
    void malformedRecordsAreDeadLetteredNotAnswered() {
        AtomicReference<Throwable> noAnswer = new AtomicReference<>();
        String json = EventJson.write(request(
                        "r-" + UUID.randomUUID(),
                        null,
                        ANSWER,
                        5,
                        new VariantSpec("base", "openai", "m", null, "http://127.0.0.1:9/v1", "completions", 1, null)))
                .replace("\"answer\":", "\"text\":");

        sendNackable(json, noAnswer);

        await().atMost(WAIT).until(() -> noAnswer.get() != null);
        assertThat(noAnswer.get()).hasMessageContaining("answer");
    }

    @Test
    void unpublishedResultIsPublishedAgainByTheOutboxSweep() {
        String id = TokenScoreRequest.idOf(runId, "11", "chat", 0, "plain");
        TokenScores stored = TokenScores.failed(
                request(
                        id,
                        null,
                        ANSWER,
                        5,
                        new VariantSpec("base", "openai", "m", null, "http://x/v1", "completions", 1, null)),
                TokenScores.ECHO,
                "stored earlier",
                null,
                Instant.parse("2026-12-06T10:00:00Z"));
        sql().execute(
                        "insert into generator.token_scores (request_id, run_id, backend, status, result, completed_at)"
                                + " values (?, ?, 'openai', 'failed', ?, now() - interval '1 hour')",
                        id,
                        runId,
                        EventJson.write(stored));

        TokenScores republished = await().atMost(Duration.ofSeconds(40))
                .until(() -> answersOf(id), list -> !list.isEmpty())
                .get(0);

        assertThat(republished).isEqualTo(stored);
        awaitPublished(id);
    }

    private String request(String id, String renderedContext, String answer, int topK) {
        return EventJson.write(request(
                id,
                renderedContext,
                answer,
                topK,
                new VariantSpec("base", "openai", "base-model", null, server.baseUrl(), "completions", 5, Map.of())));
    }

    private TokenScoreRequest request(String id, String renderedContext, String answer, int topK, VariantSpec base) {
        return new TokenScoreRequest(
                SchemaVersions.V1,
                id,
                runId,
                "7",
                "chat",
                id.endsWith("/1/base-icl") ? 1 : 0,
                renderedContext == null ? "plain" : "base-icl",
                base,
                new Prompt("7", 0, List.of(new ChatMessage("user", "Capital of France?"))),
                renderedContext,
                answer,
                topK,
                Map.of("k", "v"),
                Instant.now());
    }
}
