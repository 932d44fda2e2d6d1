package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.Topics;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.jlama.TinyLlamaModel;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Every kind of model call through the real broker and database, against a model server speaking the OpenAI wire
 * format: the generator samples a base variant ({@code /v1/completions}) and a chat variant ({@code
 * /v1/chat/completions}); icl-service asks the generator (topic {@code completion-requests}) for a summary of the chat
 * model's answer to each prompt, puts it in the in-context prompt as the {@code # Summary:} hint and has the base
 * model sampled with it; the scorer asks the generator for LLM-judge verdicts (missing information and quality), gets
 * one answer that is not JSON, asks once more with a repair request, and stores every verdict and its values. The
 * same services also sample tiny models in-process with the embedded {@code jlama} backend.
 */
class ModelCallsIT extends SharedServicesRunning {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of(
            "How do I keep basil alive indoors?",
            "What should I pack for a week of hiking?",
            "How can I get better at chess?",
            "Why is my sourdough starter not rising?",
            "How do I start composting at home?");

    private static FakeModelServer model;
    private static Path models;
    private static final AtomicInteger ANSWERS = new AtomicInteger();
    private static final AtomicBoolean BROKE_ONE_VERDICT = new AtomicBoolean();

    @BeforeAll
    static void startModels() throws Exception {
        model = new FakeModelServer(ModelCallsIT::answer);
        // Tiny random-weight models of SmolLM2's architecture for the embedded backend (no download).
        models = Files.createDirectories(Path.of("target/tiny-models").toAbsolutePath());
        TinyLlamaModel.base().writeTo(models, "tiny-base");
        TinyLlamaModel.instruct().writeTo(models, "tiny-instruct");
    }

    @AfterAll
    static void stopModelServer() {
        if (model != null) {
            model.close();
        }
    }

    /** What the fake model says: a verdict for judge prompts, a summary for summary prompts, else an answer. */
    private static String answer(JsonNode request) {
        String text = FakeModelServer.promptText(request);
        if (text.contains("ALTERNATIVE ANSWER")) {
            // The very first missing-information verdict is not JSON, so the scorer must repair it once.
            if (!text.contains("could not be read") && BROKE_ONE_VERDICT.compareAndSet(false, true)) {
                return "The alternative adds a little. Score: 2";
            }
            return "{\"reason\": \"The alternative adds one minor point.\", \"score\": 2}";
        }
        if (text.contains("Rate the RESPONSE")) {
            String aspect = "{\"reason\": \"Reasonable.\", \"score\": 4}";
            return "{\"helpfulness\": " + aspect + ", \"clarity\": " + aspect + ", \"factuality\": " + aspect
                    + ", \"depth\": " + aspect + ", \"engagement\": " + aspect + "}";
        }
        if (text.contains("Summarize the answer")) {
            return "FAKE-SUMMARY: water sparingly, give it sun, and pinch off flowers.";
        }
        int n = ANSWERS.incrementAndGet();
        return "Answer number " + n + ": start small, keep notes, and adjust as you go. Tip " + (n % 7) + ".";
    }

    /**
     * The base model's rank of an answer token, as the fake server reports it when asked to score (echo): in every
     * chat answer ("Answer number n: start small, keep notes, and adjust as you go. Tip k.", 14 tokens) "keep" and
     * "adjust" are marginal (ranks 2, 3) and "small," shifted (4); "Tip" is shifted (6, outside the top 5) after the
     * plain frame but unshifted after an in-context prompt (it has a "# Summary:" hint). So per answer: plain 2/14
     * shifted, 2/14 marginal; in context 1/14 shifted; token-level recovery 1 − (1/14) / (2/14) = 0.5.
     */
    private static int rank(String prompt, String token) {
        boolean inContext = prompt.contains("# Summary:");
        return switch (token.strip()) {
            case "keep" -> 2;
            case "adjust" -> 3;
            case "small," -> 4;
            case "Tip" -> inContext ? 1 : 6;
            default -> 1;
        };
    }

    @Test
    void summariesAndJudgeVerdictsAreAskedOfTheModelThroughTheGenerator() throws Exception {
        model.echoRanks(ModelCallsIT::rank);
        String prompts = PROMPTS.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        String endpoint = model.endpoint();
        String spec = "{\"name\":\"model calls\",\"dataset\":{\"prompts\":[" + prompts + "]},"
                + "\"reference\":\"chat\",\"variants\":["
                + "{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"" + endpoint + "\",\"api\":\"completions\","
                + "\"model\":\"fake-base\",\"samples\":3,\"params\":{\"temperature\":1.0,\"max_tokens\":64}},"
                + "{\"name\":\"chat\",\"backend\":\"openai\",\"endpoint\":\"" + endpoint + "\",\"api\":\"chat\","
                + "\"model\":\"fake-chat\",\"samples\":3,\"params\":{\"temperature\":1.0,\"max_tokens\":64}}],"
                + "\"icl\":[{\"name\":\"base-icl\",\"base\":\"base\",\"examples\":\"knn-prompt\",\"k\":2,"
                + "\"hint\":\"summary\",\"options\":{\"summarizer\":\"chat\"}}],"
                + "\"judge\":{\"backend\":\"openai\",\"endpoint\":\"" + endpoint + "\",\"model\":\"fake-judge\","
                + "\"params\":{\"temperature\":0},\"judgements\":[\"missing-info\",\"quality\"],\"samples\":1},"
                + "\"tokenShift\":{\"base\":\"base\",\"reference\":\"chat\",\"samples\":1,\"topK\":5,"
                + "\"contexts\":[\"plain\",\"base-icl\"]}}";
        String runId = Runs.submit(spec);

        Runs.awaitStatus(runId, Duration.ofMinutes(4), run -> {
            assertThat(run.getList("variants.name", String.class))
                    .containsExactlyInAnyOrder("base", "chat", "base-icl");
            assertThat(run.getList("variants.generated", Integer.class)).containsOnly(PROMPTS.size());
            assertThat(run.getList("variants.failed", Integer.class)).containsOnly(0);
        });

        // One summary per prompt, written by the model (not the extractive fallback), in every in-context prompt.
        List<JsonNode> summaryCalls = model.requests().stream()
                .filter(r -> FakeModelServer.promptText(r).contains("Summarize the answer"))
                .toList();
        assertThat(summaryCalls).hasSize(PROMPTS.size());
        assertThat(summaryCalls)
                .allSatisfy(r -> assertThat(r.path("model").asText()).isEqualTo("fake-chat"));
        List<String> inContextPrompts = model.requests().stream()
                .filter(r -> r.has("prompt") && r.get("prompt").asText().contains("# Summary:"))
                .map(r -> r.get("prompt").asText())
                .toList();
        assertThat(inContextPrompts).isNotEmpty().allSatisfy(p -> assertThat(p).contains("FAKE-SUMMARY"));

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<Map<String, Object>> verdicts = verdicts(runId);
                    // Pairwise: sample 0 of base and of base-icl against chat's sample 0, per prompt.
                    assertThat(count(verdicts, "missing-info", "parsed", "base"))
                            .isEqualTo(PROMPTS.size());
                    assertThat(count(verdicts, "missing-info", "parsed", "base-icl"))
                            .isEqualTo(PROMPTS.size());
                    // Quality: sample 0 of every variant.
                    for (String variant : List.of("base", "chat", "base-icl")) {
                        assertThat(count(verdicts, "quality", "parsed", variant))
                                .as(variant)
                                .isEqualTo(PROMPTS.size());
                    }
                    // The one broken answer is kept (status invalid, raw text) and was repaired on attempt 2.
                    List<Map<String, Object>> invalid = verdicts.stream()
                            .filter(v -> "invalid".equals(v.get("status")))
                            .toList();
                    assertThat(invalid).hasSize(1);
                    assertThat(invalid.get(0).get("raw")).asString().contains("Score: 2");
                    assertThat(verdicts.stream()
                                    .filter(v -> ((Number) v.get("attempt")).intValue() == 2
                                            && "parsed".equals(v.get("status"))))
                            .hasSize(1);
                });

        // The verdicts became values the scorer serves like any other metric.
        String values = Runs.values(Service.SCORER.url(), runId);
        assertThat(values).contains("judge_missing_info").contains("judge_quality_mean");

        tokenShiftIsScoredByTheBaseModelThroughTheGenerator(runId);
    }

    /**
     * The token shift of the same run: the scorer asked the generator to have the base model score each chat answer
     * (sample 0) after the plain frame and after the in-context prompt; the fake server ranked the tokens as {@link
     * #rank} says, so the shares and the recovery are known exactly.
     */
    private static void tokenShiftIsScoredByTheBaseModelThroughTheGenerator(String runId) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonPath summary = JsonPath.from(Runs.ok(Service.SCORER.url(), "/runs/" + runId + "/token-shift")
                            .asString());
                    assertThat(summary.getList("contexts.scored", Integer.class))
                            .containsExactly(PROMPTS.size(), PROMPTS.size());
                    assertThat(summary.getList("contexts.failed", Integer.class))
                            .containsExactly(0, 0);
                });
        // Doubles, not JsonPath's default floats: the shares are checked to 1e-12.
        JsonPath summary = JsonPath.from(given().baseUri(Service.SCORER.url())
                        .get("/runs/" + runId + "/token-shift")
                        .then()
                        .extract()
                        .asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        double delta = 1e-12;
        assertThat(summary.getDouble("contexts[0].values.find { it.metric == 'token_shift_shifted' }.mean"))
                .isCloseTo(2.0 / 14, org.assertj.core.api.Assertions.within(delta));
        assertThat(summary.getDouble("contexts[0].values.find { it.metric == 'token_shift_marginal' }.mean"))
                .isCloseTo(2.0 / 14, org.assertj.core.api.Assertions.within(delta));
        assertThat(summary.getDouble("contexts[0].values.find { it.metric == 'token_shift_shifted_early' }.mean"))
                .isCloseTo(0.0, org.assertj.core.api.Assertions.within(delta)); // first ⌈14/10⌉ = 2 tokens
        assertThat(summary.getDouble("contexts[1].values.find { it.metric == 'token_shift_shifted' }.mean"))
                .isCloseTo(1.0 / 14, org.assertj.core.api.Assertions.within(delta));
        assertThat(summary.getDouble("contexts[1].recovery.recovery"))
                .isCloseTo(0.5, org.assertj.core.api.Assertions.within(delta));
        assertThat(summary.getList("contexts[0].topTokens.text", String.class))
                .containsExactlyInAnyOrder(" small,", " Tip");
        // Every scoring went to the base model as one echo call with the context, then the chat answer.
        List<JsonNode> scorings = model.requests().stream()
                .filter(r -> r.path("echo").asBoolean(false))
                .toList();
        assertThat(scorings).hasSize(2 * PROMPTS.size()).allSatisfy(r -> {
            assertThat(r.path("model").asText()).isEqualTo("fake-base");
            assertThat(r.path("logprobs").asInt()).isEqualTo(5);
            assertThat(r.path("prompt").asText()).containsPattern("Answer number \\d+: start small.*Tip \\d\\.$");
        });
        String report =
                Runs.ok(Service.SCORER.url(), "/runs/" + runId + "/report").asString();
        assertThat(report).contains("<section id=\"token-shift\"").contains("class=\"token-shift-profile\"");
    }

    /**
     * The embedded {@code jlama} backend end to end: tiny models sampled in-process by the generator (started as in
     * production, with the Vector API flags), stored, published and scored; their token counts reach the metrics. The
     * texts are noise.
     */
    @Test
    void tinyModelsAreSampledInProcessAndScored() {
        String spec = "{\"name\":\"embedded\",\"dataset\":{\"prompts\":[\"Why is the sky blue?\","
                + "\"How do I boil an egg?\",\"What is a good first pet?\"]},\"reference\":\"tiny-instruct\","
                + "\"variants\":["
                + "{\"name\":\"tiny-base\",\"backend\":\"jlama\",\"model\":\"" + models.resolve("tiny-base") + "\","
                + "\"api\":\"completions\",\"samples\":3,\"params\":{\"max_tokens\":12,\"seed\":1}},"
                + "{\"name\":\"tiny-instruct\",\"backend\":\"jlama\",\"model\":\"" + models.resolve("tiny-instruct")
                + "\",\"api\":\"chat\",\"samples\":3,\"params\":{\"max_tokens\":12,\"seed\":1}}]}";
        String runId = Runs.submit(spec);

        Runs.awaitStatus(runId, Duration.ofMinutes(3), run -> {
            assertThat(run.getList("variants.generated", Integer.class)).containsOnly(3);
            assertThat(run.getList("variants.failed", Integer.class)).containsOnly(0);
            assertThat(run.getList("variants.scored", Integer.class)).containsOnly(3);
        });

        String samples = Runs.samples(runId);
        assertThat(samples.lines().filter(l -> !l.isBlank()))
                .hasSize(18)
                .allSatisfy(line -> assertThat(line).containsPattern("\"finishReason\":\"(stop|length)\""));
        String metrics = Runs.ok(Service.GENERATOR.url(), "/q/metrics").asString();
        assertThat(metrics)
                .containsPattern("overton_generation_completion_tokens_total\\{[^}]*backend=\"jlama\"[^}]*"
                        + "variant=\"tiny-base\"[^}]*} [1-9]")
                .containsPattern("overton_generation_calls_in_flight\\{[^}]*endpoint=\"in-process\"[^}]*} 0");
    }

    /**
     * The generator's leg of the token-shift measure through the broker: token-scoring requests on {@code
     * token-score-requests} are answered on {@code token-scores}, by the model server (echo/logprobs, ranks chosen here)
     * and by the tiny in-process model (one forward pass).
     */
    @Test
    void tokenScoringRequestsAreAnsweredThroughTheBroker() {
        model.echoRanks(t -> switch (t.strip()) {
            case "is" -> 2;
            case "the" -> 9;
            default -> 1;
        });
        String run = "it-token-scores-" + UUID.randomUUID();
        String answer = "Paris is the capital.";
        Prompt prompt = new Prompt("0", 0, List.of(new ChatMessage("user", "Capital of France?")));
        TokenScoreRequest viaServer = new TokenScoreRequest(
                SchemaVersions.V1,
                TokenScoreRequest.idOf(run, "0", "chat", 0, "plain"),
                run,
                "0",
                "chat",
                0,
                "plain",
                new VariantSpec("base", "openai", "base-model", null, model.endpoint(), "completions", 1, Map.of()),
                prompt,
                null,
                answer,
                5,
                Map.of(),
                Instant.now());
        TokenScoreRequest inProcess = new TokenScoreRequest(
                SchemaVersions.V1,
                TokenScoreRequest.idOf(run, "1", "chat", 0, "plain"),
                run,
                "1",
                "chat",
                0,
                "plain",
                new VariantSpec(
                        "tiny-base",
                        "jlama",
                        models.resolve("tiny-base").toString(),
                        null,
                        null,
                        "completions",
                        1,
                        Map.of()),
                prompt,
                null,
                answer,
                5,
                Map.of(),
                Instant.now());
        try (KafkaProducer<String, String> producer = KafkaClients.producer()) {
            for (TokenScoreRequest r : List.of(viaServer, inProcess)) {
                producer.send(new ProducerRecord<>(
                        ServiceProcesses.TOPIC_PREFIX + Topics.TOKEN_SCORE_REQUESTS, r.key(), EventJson.write(r)));
            }
            producer.flush();
        }

        Map<String, TokenScores> results = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer("system-tests-dlq-")) {
            consumer.subscribe(List.of(ServiceProcesses.TOPIC_PREFIX + Topics.TOKEN_SCORES));
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    TokenScores s = EventJson.read(r.value(), TokenScores.class);
                    if (s.runId().equals(run)) {
                        results.put(s.requestId(), s);
                    }
                }
                assertThat(results).containsKeys(viaServer.requestId(), inProcess.requestId());
            });
        }

        TokenScores server = results.get(viaServer.requestId());
        assertThat(server.status()).as(server.error()).isEqualTo(TokenScores.COMPLETED);
        assertThat(server.method()).isEqualTo(TokenScores.ECHO);
        assertThat(server.tokens()).extracting(ScoredToken::rank).containsExactly(1, 2, 6, 1);
        TokenScores embedded = results.get(inProcess.requestId());
        assertThat(embedded.status()).as(embedded.error()).isEqualTo(TokenScores.COMPLETED);
        assertThat(embedded.method()).isEqualTo(TokenScores.FORWARD_PASS);
        assertThat(String.join(
                        "", embedded.tokens().stream().map(ScoredToken::text).toList()))
                .isEqualTo(answer);
        assertThat(embedded.tokens()).allSatisfy(t -> assertThat(t.rank()).isBetween(1, 6));
    }

    private static List<Map<String, Object>> verdicts(String runId) throws Exception {
        String lines = Runs.ok(Service.SCORER.url(), "/runs/" + runId + "/judge/verdicts")
                .asString();
        List<Map<String, Object>> verdicts = new java.util.ArrayList<>();
        for (String line : lines.lines().filter(l -> !l.isBlank()).toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = JSON.readValue(line, Map.class);
            verdicts.add(v);
        }
        return verdicts;
    }

    private static long count(List<Map<String, Object>> verdicts, String judgement, String status, String variant) {
        return verdicts.stream()
                .filter(v -> judgement.equals(v.get("judgement"))
                        && status.equals(v.get("status"))
                        && variant.equals(v.get("variant")))
                .count();
    }
}
